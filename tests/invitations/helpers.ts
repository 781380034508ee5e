import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';

/** Helpers shared by the invitation tests: what the database and the local mailbox hold after a request. */

export interface InvitationRow {
  id: string;
  application_id: string;
  token_hash: string;
  status: string;
  expires_at: string;
  sent_at: string | null;
  delivered_at: string | null;
  opened_at: string | null;
  failed_at: string | null;
  revoked_at: string | null;
  created_by: string | null;
  interview_id: string | null;
}

export interface OutboxRow {
  id: string;
  invitation_id: string;
  to_address: string;
  subject: string;
  html_body: string;
  text_body: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  locked_until: string | null;
  last_error: string | null;
  provider_message_id: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface MailboxEmail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export function invitationRow(db: Database.Database, id: string): InvitationRow {
  const row = db.prepare('select * from invitations where id = ?').get(id) as InvitationRow | undefined;
  if (!row) throw new Error(`no invitation ${id}`);
  return row;
}

/** The invitation's emails, oldest first. */
export function outboxRows(db: Database.Database, invitationId: string): OutboxRow[] {
  return db.prepare('select * from email_outbox where invitation_id = ? order by created_at, id').all(invitationId) as OutboxRow[];
}

/** The invitation's emails once its newest one is sent: the queue function sends it a moment after the request. */
export function outboxRowsOnceSent(db: Database.Database, invitationId: string): Promise<OutboxRow[]> {
  return waitFor(() => {
    const rows = outboxRows(db, invitationId);
    return rows.at(-1)?.status === 'sent' && rows;
  }, `the newest email of invitation ${invitationId} to be sent`);
}

export function auditRows(db: Database.Database, entityId: string, action: string): Array<{ user_id: string | null; organisation_id: string | null; old_values: string | null; new_values: string | null }> {
  return db.prepare('select user_id, organisation_id, old_values, new_values from audit_log where entity_id = ? and action = ? order by created_at').all(entityId, action) as never;
}

/** The emails a local-mailbox sender wrote for this outbox row (one, unless something sent it twice). */
export function mailboxEmails(dataDirectory: string, outboxId: string): MailboxEmail[] {
  const folder = join(dataDirectory, 'mailbox');
  const files = existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith(`-${outboxId}.json`)) : [];
  return files.map((file) => JSON.parse(readFileSync(join(folder, file), 'utf8')) as MailboxEmail);
}

/** The email for this outbox row, once the queue function has sent it. */
export async function mailboxEmail(dataDirectory: string, outboxId: string): Promise<MailboxEmail> {
  const [email] = await waitFor(() => {
    const emails = mailboxEmails(dataDirectory, outboxId);
    return emails.length > 0 && emails;
  }, `the mailbox email of outbox row ${outboxId}`);
  return email as MailboxEmail;
}

export function tokenInLink(text: string): string {
  const token = /\/invite\/([A-Za-z0-9_-]{43})\b/.exec(text)?.[1];
  if (!token) throw new Error('no invitation link in the email');
  return token;
}

/** Everything the database files hold, as text: a secret written anywhere (tables, WAL) shows up here. */
export function databaseBytes(dataDirectory: string): string {
  return ['talenti.sqlite', 'talenti.sqlite-wal']
    .map((name) => join(dataDirectory, name))
    .filter((path) => existsSync(path))
    .map((path) => readFileSync(path).toString('latin1'))
    .join('\n');
}

export async function waitFor<T>(read: () => T | undefined | null | false | Promise<T | undefined | null | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** An invitation written straight into the database, with one email already sent through ACS under `messageId`. */
export function insertSentInvitation(db: Database.Database, applicationId: string, options: { status?: string; messageId?: string } = {}) {
  const now = new Date().toISOString();
  const invitationId = randomUUID();
  const messageId = options.messageId ?? randomUUID();
  db.prepare(
    `insert into invitations (id, application_id, token_hash, status, email_template, sent_at, expires_at, created_at) values (?, ?, ?, ?, 'standard', ?, ?, ?)`,
  ).run(invitationId, applicationId, sha256(randomUUID()), options.status ?? 'sent', now, new Date(Date.now() + 7 * 86_400_000).toISOString(), now);
  const outboxId = insertOutboxRow(db, invitationId, { status: 'sent', provider_message_id: messageId });
  return { invitationId, outboxId, messageId };
}

export function insertOutboxRow(
  db: Database.Database,
  invitationId: string,
  row: { status?: string; provider_message_id?: string | null; to_address?: string; next_attempt_at?: string; created_at?: string } = {},
): string {
  const id = randomUUID();
  const now = new Date().toISOString();
  db.prepare(
    `insert into email_outbox (id, invitation_id, to_address, subject, html_body, text_body, status, attempts, next_attempt_at, provider_message_id, created_at)
     values (?, ?, ?, 'Interview invitation', '<p>Hello</p>', 'Hello', ?, 0, ?, ?, ?)`,
  ).run(id, invitationId, row.to_address ?? 'candidate@example.com', row.status ?? 'pending', row.next_attempt_at ?? now, row.provider_message_id ?? null, row.created_at ?? now);
  return id;
}
