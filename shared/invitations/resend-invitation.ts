import { z } from 'zod';
import type { Caller } from '../auth/caller';
import { appendAudit } from '../db/repositories/audit-log';
import { cancelPendingOutboxEmails, latestRecipientOfInvitation } from '../db/repositories/email-outbox';
import { findCandidateContact, reissueInvitationToken, revokeSessionsOfInvitation } from '../db/repositories/invitations';
import { announceOutboxEmail } from '../email/outbox-delivery';
import { ConflictError } from '../errors';
import { HIRING_ROLES } from '../job-roles/role-access';
import { ExpiresInDays, type InvitationSent } from './invitation';
import { loadApplicationForStaff, loadInvitationForStaff } from './invitation-access';
import { chooseRecipient, newInvitationLink, queueInvitationEmail } from './queue-invitation-email';
import type { InvitationRequestContext } from './send-invitation';
import type { DbScope } from '../db/scopes';

export const ResendInvitationInput = z
  .strictObject({ expiresInDays: ExpiresInDays })
  .prefault({})
  .meta({ id: 'ResendInvitationRequest' });

export type ResendInvitationInput = z.infer<typeof ResendInvitationInput>;

const revoked = () => new ConflictError('This invitation was revoked; send a new invitation instead.');

/**
 * A new link for the same invitation: a new token (the old link stops working, its hash is gone), a new expiry and
 * a new email to the address the last one went to. An unsent email with the old link is dropped. Revoked
 * invitations stay revoked.
 */
export async function resendInvitation(
  data: DbScope,
  caller: Caller,
  invitationId: string,
  input: ResendInvitationInput,
  context: InvitationRequestContext,
): Promise<InvitationSent> {
  const queued = await data.transaction(async (trx) => {
    const access = await loadInvitationForStaff(trx, caller, invitationId, HIRING_ROLES);
    const before = access.invitation;
    if (before.status === 'revoked') throw revoked();
    const application = await loadApplicationForStaff(trx, caller, before.application_id, HIRING_ROLES);
    const contact = await findCandidateContact(trx, access.candidate_id);
    const recipient = chooseRecipient({ previous_email: await latestRecipientOfInvitation(trx, before.id) }, contact);
    const link = newInvitationLink(input.expiresInDays);
    const { now, expires_at: expiresAt } = link;
    if (!(await reissueInvitationToken(trx, { id: before.id, token_hash: link.hash, expires_at: expiresAt }))) throw revoked();
    const dropped = await cancelPendingOutboxEmails(trx, before.id, 'replaced by a resend before it was sent');
    // The old link stops working, so must what it opened: a resend ends the sessions of the previous token.
    const sessionsEnded = await revokeSessionsOfInvitation(trx, before, now);
    const outboxId = await queueInvitationEmail(trx, context, { invitation_id: before.id, to: recipient.to, link, application, contact, sent_by: caller.user });
    await appendAudit(
      trx,
      {
        user_id: caller.user.id,
        organisation_id: access.organisation_id,
        action: 'invitation_resent',
        entity_type: 'invitation',
        entity_id: before.id,
        old_values: { status: before.status, expires_at: before.expires_at },
        new_values: { status: 'pending', expires_at: expiresAt.toISOString(), recipient: recipient.source, unsent_emails_dropped: dropped, sessions_ended: sessionsEnded },
        ip_address: context.ipAddress,
      },
      now,
    );
    return { outbox_id: outboxId, sent: { success: true as const, invitationId: before.id, expiresAt: expiresAt.toISOString() } };
  });
  await announceOutboxEmail(context.outbox, context.log, queued.outbox_id);
  return queued.sent;
}
