import { z } from 'zod';
import { ANY_ORG_ROLE, requireOrgRole } from '../auth/authorize';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { PageQuery, toPage, type Page } from '../db/pagination';
import { listJobRolesForMember } from '../db/repositories/job-roles';
import type { JobRole } from '../domain/job-role';
import { JOB_ROLE_STATUSES } from '../domain/value-sets';
import { createdAtPosition } from './list-position';

export const ListJobRolesQuery = z.strictObject({
  status: z.enum(JOB_ROLE_STATUSES).optional().describe('Only roles in this status.'),
  q: z.string().trim().max(100).optional().describe('Case-insensitive text the title contains.'),
  ...PageQuery,
});
export type ListJobRolesQuery = z.infer<typeof ListJobRolesQuery>;

/** An organisation's roles, newest first, for any of its members. */
export async function listJobRoles(db: Db, caller: Caller, organisationId: string, query: ListJobRolesQuery): Promise<Page<JobRole>> {
  requireOrgRole(caller, organisationId, ANY_ORG_ROLE);
  const rows = await listJobRolesForMember(db, {
    organisation_id: organisationId,
    user_id: caller.user.id,
    status: query.status,
    title_contains: query.q || undefined,
    after: createdAtPosition(query.cursor),
    rows: query.limit + 1,
  });
  return toPage(rows, query.limit, (role) => ({ value: role.created_at, id: role.id }), (role) => role);
}
