import { z } from 'zod';
import { requireOrgRole } from '../auth/authorize';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { countDashboard, SCORE_BANDS } from '../db/repositories/dashboard';
import { APPLICATION_STATUSES, ORG_ROLES } from '../domain/value-sets';
import { ValidationError } from '../errors';

const DAY_MS = 86_400_000;
const instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v));

export const DashboardQuery = z.strictObject({
  from: instant.optional().describe('From this instant (inclusive), ISO-8601 with a zone; default 30 days before `to`.'),
  to: instant.optional().describe('Before this instant (exclusive), ISO-8601 with a zone; default now.'),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

/** One count per application status, every status present (an object, so client generators read it plainly). */
const ApplicationsByStatus = z.strictObject(
  Object.fromEntries(APPLICATION_STATUSES.map((status) => [status, z.number().int()])) as Record<(typeof APPLICATION_STATUSES)[number], z.ZodNumber>,
);

export const DashboardSchema = z
  .object({
    organisation_id: z.uuid(),
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    active_roles: z.number().int().describe('Job roles with status active now (not limited to the range).'),
    applications_by_status: ApplicationsByStatus.describe('Applications created in the range, by their status now; every status present.'),
    applications_total: z.number().int(),
    completed_interviews: z.number().int().describe('Interviews (not practice) that ended in the range.'),
    scores: z.object({
      scored_interviews: z.number().int().describe('Of those, the ones with an AI overall score.'),
      average_overall: z.number().nullable().describe('Mean AI overall score (0–100, two decimals); null when none.'),
      bands: z.array(z.object({ band: z.string().describe('[lower, upper) on 0–100; the last includes 100.'), count: z.number().int() })),
    }),
  })
  .meta({ id: 'OrganisationDashboard' });
export type Dashboard = z.infer<typeof DashboardSchema>;

/**
 * The organisation's dashboard for any member, in three grouped queries. Aggregates only, no person's data: the
 * read writes no audit row (reading one interview or the applicants of a role does).
 */
export async function readDashboard(db: Db, caller: Caller, organisationId: string, query: DashboardQuery, now = new Date()): Promise<Dashboard> {
  requireOrgRole(caller, organisationId, ORG_ROLES);
  const to = query.to ?? now;
  const from = query.from ?? new Date(to.getTime() - 30 * DAY_MS);
  if (from >= to) throw new ValidationError('The range is empty: `from` must be before `to`.', [{ path: 'from', message: 'must be before to' }]);
  if (to.getTime() - from.getTime() > 366 * DAY_MS) throw new ValidationError('The range is longer than 366 days.', [{ path: 'from', message: 'at most 366 days before to' }]);

  const counts = await countDashboard(db, organisationId, { from, to });
  const byStatus = Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, counts.applications_by_status.find((r) => r.status === s)?.count ?? 0])) as Dashboard['applications_by_status'];
  const scored = counts.completed_by_band.filter((b) => b.band !== null);
  const scoredCount = scored.reduce((n, b) => n + b.interviews, 0);
  const sum = scored.reduce((n, b) => n + b.score_sum, 0);
  return {
    organisation_id: organisationId,
    from: from.toISOString(),
    to: to.toISOString(),
    active_roles: counts.active_roles,
    applications_by_status: byStatus,
    applications_total: Object.values(byStatus).reduce((n, c) => n + c, 0),
    completed_interviews: counts.completed_by_band.reduce((n, b) => n + b.interviews, 0),
    scores: {
      scored_interviews: scoredCount,
      average_overall: scoredCount === 0 ? null : Math.round((sum / scoredCount) * 100) / 100,
      bands: SCORE_BANDS.map((b, index) => ({ band: b.band, count: scored.find((s) => s.band === index)?.interviews ?? 0 })),
    },
  };
}
