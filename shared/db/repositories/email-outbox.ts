import type { Selectable } from 'kysely';
import type { Db } from '../database';
import { firstRows } from '../dialect';
import type { EmailOutboxTable } from '../schema';
import { readNullableTimestamp, readTimestamp } from '../values';

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxEmail {
  id: string;
  invitation_id: string | null;
  to_address: string;
  subject: string;
  html_body: string;
  text_body: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  locked_until: string | null;
  last_error: string | null;
  provider_message_id: string | null;
  created_at: string;
  sent_at: string | null;
}

/** An outbox email with the organisation of its invitation (for the audit trail). */
export interface OutboxEmailWithOrganisation extends OutboxEmail {
  organisation_id: string | null;
}

export interface NewOutboxEmail {
  id: string;
  invitation_id: string;
  to_address: string;
  subject: string;
  html_body: string;
  text_body: string;
  created_at: Date;
}

function toOutboxEmail(row: Selectable<EmailOutboxTable>): OutboxEmail {
  return {
    id: row.id,
    invitation_id: row.invitation_id,
    to_address: row.to_address,
    subject: row.subject,
    html_body: row.html_body,
    text_body: row.text_body,
    status: row.status as OutboxStatus,
    attempts: row.attempts,
    next_attempt_at: readTimestamp(row.next_attempt_at),
    locked_until: readNullableTimestamp(row.locked_until),
    last_error: row.last_error,
    provider_message_id: row.provider_message_id,
    created_at: readTimestamp(row.created_at),
    sent_at: readNullableTimestamp(row.sent_at),
  };
}

export async function insertOutboxEmail(db: Db, email: NewOutboxEmail): Promise<void> {
  await db
    .insertInto('email_outbox')
    .values({ ...email, status: 'pending', attempts: 0, next_attempt_at: email.created_at })
    .execute();
}

/** Emails whose turn has come and that no drain holds: candidates for claiming, oldest turn first. */
export async function listDueOutboxIds(db: Db, now: Date, rows: number): Promise<string[]> {
  const query = db
    .selectFrom('email_outbox')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .orderBy('next_attempt_at')
    .orderBy('id');
  return (await firstRows(db, query, rows).execute()).map((row) => row.id);
}

/**
 * Takes the email for one drain until `lockedUntil`. The conditions are re-checked by the UPDATE itself, so of two
 * drains racing for the same row exactly one changes it (and gets true); a sent row is never taken again.
 */
export async function claimOutboxEmail(db: Db, id: string, now: Date, lockedUntil: Date): Promise<boolean> {
  const result = await db
    .updateTable('email_outbox')
    .set({ locked_until: lockedUntil })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findOutboxEmail(db: Db, id: string): Promise<OutboxEmailWithOrganisation | null> {
  const row = await db
    .selectFrom('email_outbox')
    .leftJoin('invitations', 'invitations.id', 'email_outbox.invitation_id')
    .leftJoin('applications', 'applications.id', 'invitations.application_id')
    .leftJoin('job_roles', 'job_roles.id', 'applications.job_role_id')
    .selectAll('email_outbox')
    .select('job_roles.organisation_id')
    .where('email_outbox.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const { organisation_id, ...email } = row;
  return { ...toOutboxEmail(email), organisation_id };
}

/**
 * Records the provider's acceptance, with the stored copy of the bodies as they are to be kept. Not conditional on
 * the status on purpose: an email that went out is recorded as sent.
 */
export async function markOutboxSent(
  db: Db,
  id: string,
  sent: { provider_message_id: string; html_body: string; text_body: string; now: Date },
): Promise<void> {
  await db
    .updateTable('email_outbox')
    .set((eb) => ({
      status: 'sent',
      attempts: eb('attempts', '+', 1),
      provider_message_id: sent.provider_message_id,
      html_body: sent.html_body,
      text_body: sent.text_body,
      sent_at: sent.now,
      locked_until: null,
    }))
    .where('id', '=', id)
    .where('status', '!=', 'sent')
    .execute();
}

/** Counts a failed attempt and either schedules the next or, after the last, gives up (the row is kept). */
export async function recordOutboxFailure(
  db: Db,
  id: string,
  failure: { last_error: string; next_attempt_at: Date; gave_up: boolean },
): Promise<void> {
  await db
    .updateTable('email_outbox')
    .set((eb) => ({
      status: failure.gave_up ? 'failed' : 'pending',
      attempts: eb('attempts', '+', 1),
      last_error: failure.last_error,
      next_attempt_at: failure.next_attempt_at,
      locked_until: null,
    }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/** Emails of an invitation not sent yet are dropped (kept as failed, with why), e.g. its link was replaced or withdrawn. */
export async function cancelPendingOutboxEmails(db: Db, invitationId: string, reason: string): Promise<number> {
  const result = await db
    .updateTable('email_outbox')
    .set({ status: 'failed', last_error: reason, locked_until: null })
    .where('invitation_id', '=', invitationId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Where the invitation's latest email went, so a resend reaches the same address. */
export async function latestRecipientOfInvitation(db: Db, invitationId: string): Promise<string | null> {
  const query = db
    .selectFrom('email_outbox')
    .select('to_address')
    .where('invitation_id', '=', invitationId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc');
  const row = await firstRows(db, query, 1).executeTakeFirst();
  return row?.to_address ?? null;
}
