import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { appendAudit } from '../db/repositories/audit-log';
import { cancelPendingOutboxEmails } from '../db/repositories/email-outbox';
import { findInvitationForUser, markInvitationRevoked, revokeSessionsOfInvitation } from '../db/repositories/invitations';
import { NotFoundError } from '../errors';
import { HIRING_ROLES } from '../job-roles/role-access';
import type { Invitation } from './invitation';
import { loadInvitationForStaff } from './invitation-access';

/**
 * Withdraws an invitation: its link stops working, every interview session opened through it or on its interview
 * ends, and an email not sent yet is dropped. Revoking twice changes nothing the second time.
 */
export async function revokeInvitation(db: Db, caller: Caller, invitationId: string, context: { ipAddress: string }): Promise<Invitation> {
  return db.transaction().execute(async (trx) => {
    const { invitation: before, organisation_id } = await loadInvitationForStaff(trx, caller, invitationId, HIRING_ROLES);
    const now = new Date();
    if (await markInvitationRevoked(trx, before.id, now)) {
      const sessions = await revokeSessionsOfInvitation(trx, before, now);
      const dropped = await cancelPendingOutboxEmails(trx, before.id, 'invitation revoked before it was sent');
      await appendAudit(
        trx,
        {
          user_id: caller.user.id,
          organisation_id,
          action: 'invitation_revoked',
          entity_type: 'invitation',
          entity_id: before.id,
          old_values: { status: before.status },
          new_values: { status: 'revoked', sessions_revoked: sessions, unsent_emails_dropped: dropped },
          ip_address: context.ipAddress,
        },
        now,
      );
    }
    const after = await findInvitationForUser(trx, before.id, caller.user.id);
    if (!after) throw new NotFoundError('No such invitation.');
    return after.invitation;
  });
}
