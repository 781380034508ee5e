import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { updateApplicationStatusAtVersion } from '../db/repositories/applications';
import { appendAudit } from '../db/repositories/audit-log';
import { findCandidateContact, insertInvitation } from '../db/repositories/invitations';
import type { ApplicationStatus } from '../domain/application';
import { announceOutboxEmail } from '../email/outbox-delivery';
import type { EmailOutbox } from '../email/email-outbox';
import { ConflictError } from '../errors';
import { runIdempotently, type IdempotentOutcome } from '../idempotency/idempotent-request';
import { HIRING_ROLES } from '../job-roles/role-access';
import type { Logger } from '../observability/logger';
import { ExpiresInDays, type InvitationSent } from './invitation';
import { loadApplicationForStaff } from './invitation-access';
import { chooseRecipient, newInvitationLink, queueInvitationEmail } from './queue-invitation-email';
import type { DbScope } from '../db/scopes';

const ignored = (what: string) => z.string().max(500).optional().describe(`Accepted for the original frontend and ignored: the ${what} comes from the database.`);

/** The original request body; roleTitle and companyName are still accepted so the frontend keeps working. */
export const SendInvitationInput = z
  .strictObject({
    applicationId: z.uuid().transform((id) => id.toLowerCase()),
    candidateEmail: z.email().max(320).optional().describe("Where to send it; the candidate's profile email, else their account email, when left out."),
    expiresInDays: ExpiresInDays,
    roleTitle: ignored('role title'),
    companyName: ignored('company name'),
  })
  .meta({ id: 'SendInvitationRequest' });

export type SendInvitationInput = z.infer<typeof SendInvitationInput>;

/** What a request that queues an invitation email needs besides its input. */
export interface InvitationRequestContext {
  ipAddress: string;
  appBaseUrl: string;
  outbox: EmailOutbox;
  log: Logger;
}

/** Sending an invitation moves an application that has not been invited yet; later stages are left as they are. */
const INVITABLE: readonly ApplicationStatus[] = ['applied', 'shortlisted'];

/**
 * Creates the invitation and its email in one transaction (the outbox): token hash, invitation, outbox row, the
 * application moved to invited, the audit row. After the commit a queue message gets the email sent; if that
 * message cannot be sent the sweeper finds the row, and the request still succeeds: the invitation is stored.
 */
export async function sendInvitation(
  data: DbScope,
  caller: Caller,
  input: SendInvitationInput,
  idempotencyKey: string | null,
  context: InvitationRequestContext,
): Promise<IdempotentOutcome<InvitationSent>> {
  return queueInvitation(data, caller, { function_name: 'send-invitation', key: idempotencyKey, body: input }, context, async () => input);
}

/**
 * The one way an invitation is made, whichever request asks: under its Idempotency-Key, `target` names the
 * application (in the same transaction, so it may create it), then the invitation and its email are written and,
 * after the commit, the email is announced to the queue.
 */
export async function queueInvitation(
  data: DbScope,
  caller: Caller,
  request: { function_name: string; key: string | null; body: unknown },
  context: InvitationRequestContext,
  target: (trx: Db) => Promise<SendInvitationInput>,
): Promise<IdempotentOutcome<InvitationSent>> {
  // Only the answer is stored for replays; the email to announce is known only to the request that queued it.
  const queuedNow: { outbox_id?: string } = {};
  const outcome = await data.run((db) => runIdempotently(
    db,
    { user_id: caller.user.id, function_name: request.function_name, key: request.key, body: request.body, status_code: 201 },
    async (trx) => {
      const queued = await createInvitation(trx, caller, await target(trx), context);
      queuedNow.outbox_id = queued.outbox_id;
      return queued.sent;
    },
  ));
  if (!outcome.replayed && queuedNow.outbox_id) await announceOutboxEmail(context.outbox, context.log, queuedNow.outbox_id);
  return outcome;
}

async function createInvitation(
  trx: Db,
  caller: Caller,
  input: SendInvitationInput,
  context: InvitationRequestContext,
): Promise<{ sent: InvitationSent; outbox_id: string }> {
  const application = await loadApplicationForStaff(trx, caller, input.applicationId, HIRING_ROLES);
  const contact = await findCandidateContact(trx, application.candidate_id);
  const recipient = chooseRecipient({ given: input.candidateEmail }, contact);
  const link = newInvitationLink(input.expiresInDays);
  const { now, expires_at: expiresAt } = link;
  const invitation = await insertInvitation(trx, {
    id: randomUUID(),
    application_id: application.id,
    token_hash: link.hash,
    expires_at: expiresAt,
    created_by: caller.user.id,
    created_at: now,
  });
  const outboxId = await queueInvitationEmail(trx, context, { invitation_id: invitation.id, to: recipient.to, link, application, contact, sent_by: caller.user });
  const movesApplication = INVITABLE.includes(application.status);
  if (movesApplication && !(await updateApplicationStatusAtVersion(trx, application, 'invited', now))) {
    throw new ConflictError('The application changed while the invitation was being made; try again.');
  }
  await appendAudit(
    trx,
    {
      user_id: caller.user.id,
      organisation_id: application.organisation_id,
      action: 'invitation_sent',
      entity_type: 'invitation',
      entity_id: invitation.id,
      old_values: movesApplication ? { application_status: application.status } : null,
      new_values: {
        application_id: application.id,
        expires_at: invitation.expires_at,
        recipient: recipient.source,
        ...(movesApplication ? { application_status: 'invited' } : {}),
      },
      ip_address: context.ipAddress,
    },
    now,
  );
  return { sent: { success: true, invitationId: invitation.id, expiresAt: invitation.expires_at }, outbox_id: outboxId };
}
