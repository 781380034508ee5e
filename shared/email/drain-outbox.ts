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
import { EmailSendError } from './email-sender';
import type { EmailOutbox } from './email-outbox';
import { withoutSealedValues } from './outbox-seal';

/** After this many failed sends (or one permanent failure) the email is given up (kept, marked failed) and so is its invitation. */
export const MAX_SEND_ATTEMPTS = 5;
/** How long a claim holds an email; longer than any send may take, so a claim never expires mid-send. */
const CLAIM_MS = 2 * 60_000;
/** The timer's bound per email; the immediate attempt after a request uses a shorter one. */
export const DRAIN_SEND_TIMEOUT_MS = 60_000;
export const IMMEDIATE_SEND_TIMEOUT_MS = 10_000;
const DRAIN_BATCH = 25;
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 30 * 60_000;

/** Exponential backoff from one minute, with ±20 % jitter so failed emails do not all come back at once. */
export function retryDelayMs(failedAttempts: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** (failedAttempts - 1), LONGEST_RETRY_MS);
  return Math.round(base * (0.8 + 0.4 * random()));
}

export type SendOutcome = 'sent' | 'retrying' | 'gave-up' | 'not-claimed';

export interface DrainReport {
  sent: number;
  retrying: number;
  gave_up: number;
}

async function recordSent(platform: DbScope, email: OutboxEmailWithOrganisation, providerMessageId: string, provider: string): Promise<void> {
  const now = new Date();
  await platform.transaction(async (trx) => {
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
  });
}

async function recordFailure(platform: DbScope, email: OutboxEmailWithOrganisation, error: string, permanent: boolean): Promise<'retrying' | 'gave-up'> {
  const now = new Date();
  const attempts = email.attempts + 1;
  const gaveUp = permanent || attempts >= MAX_SEND_ATTEMPTS;
  await platform.transaction(async (trx) => {
    await recordOutboxFailure(trx, email.id, { last_error: error, next_attempt_at: new Date(now.getTime() + retryDelayMs(attempts)), gave_up: gaveUp });
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
  });
  return gaveUp ? 'gave-up' : 'retrying';
}

/** Claims one email and, if this caller won it, sends it and records the outcome. */
async function sendIfClaimed(platform: DbScope, outbox: EmailOutbox, log: Logger, outboxId: string, timeoutMs: number): Promise<SendOutcome> {
  const now = new Date();
  const email = await platform.run(async (db) =>
    (await claimOutboxEmail(db, outboxId, now, new Date(now.getTime() + CLAIM_MS))) ? findOutboxEmail(db, outboxId) : null,
  );
  if (!email) return 'not-claimed';
  const { sender, seal } = outbox;
  const signal = AbortSignal.timeout(timeoutMs);
  let result;
  try {
    const html = seal.unsealAll(email.html_body);
    const text = seal.unsealAll(email.text_body);
    result = await sender.send({ outboxId: email.id, to: email.to_address, subject: email.subject, html, text, queuedAt: new Date(email.created_at) }, signal);
  } catch (error) {
    // Senders describe failures without personal data; anything else is reduced to its kind.
    const description = error instanceof EmailSendError ? error.message : `${error instanceof Error ? error.name : 'error'} while sending`;
    const outcome = await recordFailure(platform, email, description, error instanceof EmailSendError && error.permanent);
    log.warn('email send failed', { outboxId: email.id, attempt: email.attempts + 1, error: description, gaveUp: outcome === 'gave-up' });
    return outcome;
  }
  await recordSent(platform, email, result.providerMessageId, sender.provider);
  log.info('email sent', { outboxId: email.id, attempt: email.attempts + 1, provider: sender.provider, providerMessageId: result.providerMessageId, location: result.location });
  return 'sent';
}

/** The timer's work: every email whose turn has come, one claim at a time (a claim is taken just before its send). */
export async function drainOutbox(platform: DbScope, outbox: EmailOutbox, log: Logger): Promise<DrainReport> {
  const report: DrainReport = { sent: 0, retrying: 0, gave_up: 0 };
  for (const id of await platform.run((db) => listDueOutboxIds(db, new Date(), DRAIN_BATCH))) {
    const outcome = await sendIfClaimed(platform, outbox, log, id, DRAIN_SEND_TIMEOUT_MS).catch((error: unknown) => {
      // One email's trouble (e.g. the database blinking after a send) must not hold up the others.
      log.error('email could not be processed; its claim expires and it is tried again', { outboxId: id, error: error instanceof Error ? error.name : 'error' });
      return 'not-claimed' as const;
    });
    if (outcome === 'sent') report.sent += 1;
    if (outcome === 'retrying') report.retrying += 1;
    if (outcome === 'gave-up') report.gave_up += 1;
  }
  return report;
}

/**
 * Right after a request queued an email: try it at once, within a short bound. Whatever happens is recorded on the
 * row; an error here is logged and never reaches the caller, whose invitation is already safely stored.
 */
export async function sendQueuedEmailNow(platform: DbScope, outbox: EmailOutbox, log: Logger, outboxId: string): Promise<SendOutcome | 'error'> {
  try {
    return await sendIfClaimed(platform, outbox, log, outboxId, IMMEDIATE_SEND_TIMEOUT_MS);
  } catch (error) {
    log.error('immediate email attempt failed; the drain will retry', { outboxId, error: error instanceof Error ? error.name : 'error' });
    return 'error';
  }
}
