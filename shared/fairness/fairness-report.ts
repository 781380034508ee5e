import { z } from 'zod';
import { requireOrgRole } from '../auth/authorize';
import type { Caller } from '../auth/caller';
import { listFairnessScores, listFairnessSubjects, type FairnessScope, type FairnessScore, type FairnessSubject } from '../db/repositories/fairness';
import type { DbScope } from '../db/scopes';
import { DEI_MINIMUM_GROUP_SIZE } from '../domain/candidate-dei';
import { ValidationError } from '../errors';
import { auditFairnessRequest } from './audit-request';
import { ADVANCE_SCORE, FOUR_FIFTHS, measureAdverseImpact, type AdverseImpact, type Outcome } from './adverse-impact';

const DAY_MS = 86_400_000;

export const FairnessReportQuery = z.strictObject({
  from: z.iso.date().describe('First day of the range (UTC, inclusive): applications made on or after it.'),
  to: z.iso.date().describe('Last day of the range (UTC, inclusive).'),
  job_role_id: z.uuid().optional().describe('One job role of the organisation; the whole organisation when left out.'),
  top_n: z.coerce.number().int().min(1).max(1000).default(20).describe('How many of a role’s best shortlist matches count as shortlisted.'),
  format: z.enum(['json', 'csv']).default('json').describe('json, or csv for a spreadsheet (one row per field, group and stage).'),
});
export type FairnessReportQuery = z.infer<typeof FairnessReportQuery>;

export interface FairnessReport extends AdverseImpact {
  organisation_id: string;
  job_role_id: string | null;
  from: string;
  to: string;
  top_n: number;
  minimum_group_size: number;
  four_fifths_threshold: number;
  advance_score: number;
  generated_at: string;
}

/** Shortlisted: among the role's `topN` best matches of the applications in the report. */
function shortlistedIds(subjects: readonly FairnessSubject[], topN: number): Set<string> {
  const byRole = new Map<string, FairnessSubject[]>();
  for (const s of subjects) if (s.match_score !== null) byRole.set(s.job_role_id, [...(byRole.get(s.job_role_id) ?? []), s]);
  const ids = new Set<string>();
  for (const ranked of byRole.values()) {
    ranked.sort((a, b) => (b.match_score ?? 0) - (a.match_score ?? 0) || a.application_id.localeCompare(b.application_id));
    for (const s of ranked.slice(0, topN)) ids.add(s.application_id);
  }
  return ids;
}

function toOutcomes(subjects: readonly FairnessSubject[], scores: readonly FairnessScore[], topN: number): Outcome[] {
  // Scores come oldest first: the latest scored interview of an application wins.
  const latest = new Map(scores.map((s) => [s.application_id, s]));
  const shortlisted = shortlistedIds(subjects, topN);
  return subjects.map((s) => {
    const score = latest.get(s.application_id);
    return {
      dei: { gender: s.gender, ethnicity: s.ethnicity, disability_status: s.disability_status, veteran_status: s.veteran_status },
      stages: { shortlisted: shortlisted.has(s.application_id), invited: s.invited, interviewed: s.interviewed, hired: s.status === 'hired' },
      ai_score: score?.overall_score ?? null,
      override_score: score?.human_override_score ?? null,
    };
  });
}

/**
 * The adverse-impact report of an organisation (or one of its roles) for its admins. The request is audited
 * before anything is read. Answers are counted in platform scope (row-level security shows a user only their own
 * DEI row), by a query that itself returns rows only to an admin of the organisation; no per-person value leaves
 * this function.
 */
export async function buildFairnessReport(
  data: DbScope,
  platform: DbScope,
  caller: Caller,
  organisationId: string,
  query: FairnessReportQuery,
  context: { ipAddress: string },
): Promise<FairnessReport> {
  requireOrgRole(caller, organisationId, ['admin']);
  if (query.to < query.from) throw new ValidationError('The range ends before it starts.', [{ path: 'to', message: 'must be on or after from' }]);
  const jobRoleId = query.job_role_id ?? null;
  await auditFairnessRequest(data, caller, {
    organisationId,
    jobRoleId,
    action: 'fairness_report_requested',
    details: { from: query.from, to: query.to, top_n: query.top_n, format: query.format },
    ipAddress: context.ipAddress,
  });

  const from = new Date(`${query.from}T00:00:00Z`);
  const scope: FairnessScope = { organisationId, jobRoleId, from, to: new Date(Date.parse(`${query.to}T00:00:00Z`) + DAY_MS), adminUserId: caller.user.id };
  const { subjects, scores } = await platform.run(async (db) => ({ subjects: await listFairnessSubjects(db, scope), scores: await listFairnessScores(db, scope) }));
  return {
    organisation_id: organisationId,
    job_role_id: jobRoleId,
    from: query.from,
    to: query.to,
    top_n: query.top_n,
    minimum_group_size: DEI_MINIMUM_GROUP_SIZE,
    four_fifths_threshold: FOUR_FIFTHS,
    advance_score: ADVANCE_SCORE,
    generated_at: new Date().toISOString(),
    ...measureAdverseImpact(toOutcomes(subjects, scores, query.top_n)),
  };
}
