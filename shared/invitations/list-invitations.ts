import { z } from 'zod';
import { ANY_ORG_ROLE } from '../auth/authorize';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { PageQuery, toPage, type Page } from '../db/pagination';
import { listInvitationsForMember } from '../db/repositories/invitations';
import { createdAtPosition } from '../job-roles/list-position';
import type { Invitation } from './invitation';
import { loadApplicationForStaff } from './invitation-access';

export const ListInvitationsQuery = z.strictObject({ ...PageQuery });
export type ListInvitationsQuery = z.infer<typeof ListInvitationsQuery>;

/** An application's invitations, newest first, for any member of the role's organisation. */
export async function listApplicationInvitations(db: Db, caller: Caller, applicationId: string, query: ListInvitationsQuery): Promise<Page<Invitation>> {
  await loadApplicationForStaff(db, caller, applicationId, ANY_ORG_ROLE);
  const rows = await listInvitationsForMember(db, {
    application_id: applicationId,
    user_id: caller.user.id,
    after: createdAtPosition(query.cursor),
    rows: query.limit + 1,
  });
  return toPage(rows, query.limit, (invitation) => ({ value: invitation.created_at, id: invitation.id }), (invitation) => invitation);
}
