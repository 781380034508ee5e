import type { Db } from '../db/database';
import type { DbScope } from '../db/scopes';
import { appendAudit } from '../db/repositories/audit-log';
import {
  claimOutboxEmail,
  findOutboxEmail,
  listDueOutboxIds,
  markOutboxSent,
  recordOutboxFailure,
  type OutboxEmailWithOrganisation,
} from '../db/repositories/email-outbox';
import { markInvitationFailed, markInvitationSent } from '../db/repositories/invitations';
import type { Logger } from '../observability/logger';
import { enqueueCommittedWork, secondsUntil } from '../queues/enqueue';
import { EmailSendError } from './email-sender';
import type { EmailOutbox } from './email-outbox';
import { withoutSealedValues } from './outbox-seal';

/** After this many failed sends (or one permanent failure) the email is given up (kept, marked failed) and so is its invitation. */
export const MAX_SEND_ATTEMPTS = 5;
/** How long a claim holds an email; longer than any send may take, so a claim never expires mid-send. */
const CLAIM_MS = 2 * 60_000;
const SEND_TIMEOUT_MS = 60_000;
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 30 * 60_000;
/** An email due this long and still unclaimed lost its message (the enqueue after commit failed, or it expired). */
export const LOST_AFTER_MS = 10 * 60_000;
const SWEEP_BATCH = 100;

/** Exponential backoff from one minute, with ±20 % jitter so failed emails do not all come back at once. */
export function retryDelayMs(failedAttempts: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** (failedAttempts - 1), LONGEST_RETRY_MS);
  return Math.round(base * (0.8 + 0.4 * random()));
}

export type SendOutcome = 'sent' | 'retrying' | 'gave-up' | 'not-claimed';

async function recordSent(trx: Db, email: OutboxEmailWithOrganisation, providerMessageId: string, provider: string): Promise<void> {
  const now = new Date();
  await markOutboxSent(trx, email.id, {
    provider_message_id: providerMessageId,
    html_body: withoutSealedValues(email.html_body),
    text_body: withoutSealedValues(email.text_body),
    now,
  });
  if (email.invitation_id && (await markInvitationSent(trx, email.invitation_id, now))) {
    await appendAudit(
      trx,
      {
        user_id: null,
        organisation_id: email.organisation_id,
        action: 'invitation_email_sent',
        entity_type: 'invitation',
        entity_id: email.invitation_id,
        new_values: { status: 'sent', outbox_id: email.id, attempt: email.attempts + 1, provider },
      },
      now,
    );
  }
}

/** Counts the failed attempt; returns when to try again, or null when the email was given up. */
async function recordFailure(trx: Db, email: OutboxEmailWithOrganisation, error: string, permanent: boolean): Promise<Date | null> {
  const now = new Date();
  const attempts = email.attempts + 1;
  const gaveUp = permanent || attempts >= MAX_SEND_ATTEMPTS;
  const nextAttemptAt = new Date(now.getTime() + retryDelayMs(attempts));
  await recordOutboxFailure(trx, email.id, { last_error: error, next_attempt_at: nextAttemptAt, gave_up: gaveUp });
  if (gaveUp && email.invitation_id && (await markInvitationFailed(trx, email.invitation_id, now))) {
    await appendAudit(
      trx,
      {
        user_id: null,
        organisation_id: email.organisation_id,
        action: 'invitation_email_failed',
        entity_type: 'invitation',
        entity_id: email.invitation_id,
        new_values: { status: 'failed', outbox_id: email.id, attempts, last_error: error },
      },
      now,
    );
  }
  return gaveUp ? null : nextAttemptAt;
}

/** Takes the email for this worker if it is due and nobody holds it (one conditional update decides). */
async function claim(db: Db, outboxId: string): Promise<OutboxEmailWithOrganisation | null> {
  const now = new Date();
  if (!(await claimOutboxEmail(db, outboxId, now, new Date(now.getTime() + CLAIM_MS)))) return null;
  return findOutboxEmail(db, outboxId);
}

/**
 * The queue function's work for one email: claim it (so a message delivered twice, or beside the sweeper, sends
 * it once), send it with no database connection held, record the outcome, and for a retry enqueue the next
 * attempt to arrive when its backoff ends. An email already sent, given up or held by another worker is left alone.
 * Anything unexpected (the database unreachable) throws, so the queue retries the message.
 */
export async function deliverOutboxEmail(system: DbScope, outbox: EmailOutbox, log: Logger, outboxId: string): Promise<SendOutcome> {
  const email = await system.run((db) => claim(db, outboxId));
  if (!email) return 'not-claimed';
  let result;
  try {
    const html = outbox.seal.unsealAll(email.html_body);
    const text = outbox.seal.unsealAll(email.text_body);
    result = await outbox.sender.send(
      { outboxId: email.id, to: email.to_address, subject: email.subject, html, text, queuedAt: new Date(email.created_at) },
      AbortSignal.timeout(SEND_TIMEOUT_MS),
    );
  } catch (error) {
    // Senders describe failures without personal data; anything else is reduced to its kind.
    const description = error instanceof EmailSendError ? error.message : `${error instanceof Error ? error.name : 'error'} while sending`;
    const retryAt = await system.transaction((trx) => recordFailure(trx, email, description, error instanceof EmailSendError && error.permanent));
    log.warn('email send failed', { outboxId: email.id, attempt: email.attempts + 1, error: description, gaveUp: retryAt === null });
    if (!retryAt) return 'gave-up';
    await enqueueCommittedWork(outbox.queues, log, 'invitation-emails', { outboxId }, { delaySeconds: secondsUntil(retryAt) });
    return 'retrying';
  }
  await system.transaction((trx) => recordSent(trx, email, result.providerMessageId, outbox.sender.provider));
  log.info('email sent', { outboxId: email.id, attempt: email.attempts + 1, provider: outbox.sender.provider, providerMessageId: result.providerMessageId, location: result.location });
  return 'sent';
}

/** After the transaction that wrote the outbox row has committed: the message that gets it sent. */
export function announceOutboxEmail(outbox: EmailOutbox, log: Logger, outboxId: string): Promise<boolean> {
  return enqueueCommittedWork(outbox.queues, log, 'invitation-emails', { outboxId });
}

/** The sweeper's work: emails due for a while that nobody claimed lost their message; enqueue them again. */
export async function sweepOutbox(system: DbScope, outbox: EmailOutbox, log: Logger): Promise<number> {
  const lost = await system.run((db) => listDueOutboxIds(db, new Date(Date.now() - LOST_AFTER_MS), SWEEP_BATCH));
  let enqueued = 0;
  for (const outboxId of lost) if (await announceOutboxEmail(outbox, log, outboxId)) enqueued += 1;
  return enqueued;
}
