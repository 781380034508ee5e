import { z } from 'zod';
import { ANY_ORG_ROLE } from '../auth/authorize';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { decodeCursor, PageQuery, toPage, type Page } from '../db/pagination';
import { listApplicationsForRole, type ApplicationPosition, type ApplicationSort } from '../db/repositories/applications';
import type { Application } from '../domain/application';
import type { InterviewScore, InterviewSummary } from '../domain/interview';
import { appendAudit } from '../db/repositories/audit-log';
import { findLatestInterviews } from '../db/repositories/interviews';
import { APPLICATION_STATUSES } from '../domain/value-sets';
import { invalidCursor } from '../job-roles/list-position';
import { loadJobRole } from '../job-roles/role-access';

export const ListRoleApplicationsQuery = z.strictObject({
  status: z.enum(APPLICATION_STATUSES).optional().describe('Only applications in this status.'),
  sort: z
    .enum(['created_at', 'match_score'])
    .default('created_at')
    .describe('created_at: newest first; match_score: highest first, unranked last.'),
  include: z
    .enum(['latest_interview'])
    .optional()
    .describe('latest_interview: embed each application\'s latest interview with its score, dimensions and override (one audit row for the page).'),
  ...PageQuery,
});
export type ListRoleApplicationsQuery = z.infer<typeof ListRoleApplicationsQuery>;

const Positions = {
  created_at: z.object({ value: z.iso.datetime(), id: z.uuid() }),
  match_score: z.object({ value: z.number().nullable(), id: z.uuid() }),
};

/** A cursor is only valid for the sort it was issued for, and is checked before it reaches the database. */
function positionAfter(sort: ApplicationSort, cursor: string | undefined): ApplicationPosition | null {
  const position = decodeCursor(cursor);
  if (!position) return null;
  const parsed = Positions[sort].safeParse(position);
  if (!parsed.success) throw invalidCursor();
  return parsed.data;
}

/** An application with, on request, its latest interview and that interview's score (null when none). */
export type RoleApplication = Application & { latest_interview?: { interview: InterviewSummary; score: InterviewScore | null } | null };

/**
 * The applications to a role, for any member of its organisation: ids, status and match only, no personal data.
 * With `include=latest_interview` each carries its latest interview and score, read for the whole page in three
 * queries; the page's reading of scores is audited once (`role_interviews_viewed`, the interview ids listed).
 */
export async function listRoleApplications(
  db: Db,
  caller: Caller,
  roleId: string,
  query: ListRoleApplicationsQuery,
): Promise<Page<RoleApplication>> {
  const role = await loadJobRole(db, caller, roleId, ANY_ORG_ROLE);
  const rows = await listApplicationsForRole(db, {
    job_role_id: role.id,
    user_id: caller.user.id,
    status: query.status,
    sort: query.sort,
    after: positionAfter(query.sort, query.cursor),
    rows: query.limit + 1,
  });
  const page = toPage(rows, query.limit, (application) => ({ value: application[query.sort], id: application.id }), (application): RoleApplication => application);
  if (query.include !== 'latest_interview') return page;
  const latest = await findLatestInterviews(db, page.items.map((a) => a.id));
  const interviewIds = [...latest.values()].map((l) => l.interview.id);
  if (interviewIds.length > 0) {
    await appendAudit(db, {
      user_id: caller.user.id,
      organisation_id: role.organisation_id,
      action: 'role_interviews_viewed',
      entity_type: 'job_role',
      entity_id: role.id,
      new_values: { interview_ids: interviewIds },
    });
  }
  return { ...page, items: page.items.map((application) => ({ ...application, latest_interview: latest.get(application.id) ?? null })) };
}
