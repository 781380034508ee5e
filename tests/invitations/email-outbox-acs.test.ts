import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { signDevToken, type DevKeys } from '../../shared/auth/dev-issuer';
import { devIssuerFor } from '../../shared/config/settings';
import { startFakeAcsEmail, type FakeAcsEmail } from '../support/fakes/acs-email';
import { freePort, startHostProcess, type HostProcess } from '../support/processes';
import { QueueServiceClient } from '@azure/storage-queue';
import { azuriteConnectionString } from '../../shared/config/settings';
import { auditRows, databaseBytes, insertOutboxRow, invitationRow, outboxRows, outboxRowsOnceSent, sha256, tokenInLink, waitFor, type OutboxRow } from './helpers';
import { chooseOrganisationAccount } from '../support/api';

const SENDER = 'DoNotReply@mail.talenti.example';

/**
 * The outbox against Azure Communication Services Email: a second host whose EmailClient (the real SDK) talks to a
 * local fake of the ACS REST API that checks the HMAC signature and can be told to fail.
 */
describe('email outbox through ACS Email (fake)', () => {
  let fake: FakeAcsEmail;
  let host: HostProcess;
  let dataDirectory: string;
  let db: Database.Database;
  let keys: DevKeys;
  let port: number;
  let adminToken: string;
  let roleId: string;
  let queues: QueueServiceClient;

  const tokenFor = (email: string) => signDevToken(keys, devIssuerFor(port), { email });
  const call = async <T>(path: string, init: { method?: string; token: string; json?: unknown }) => {
    const response = await fetch(`${host.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${init.token}`, 'content-type': 'application/json' },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, text };
  };

  beforeAll(async () => {
    fake = await startFakeAcsEmail();
    dataDirectory = mkdtempSync(join(tmpdir(), 'talenti-acs-email-'));
    port = await freePort();
    const [blobPort, queuePort] = [await freePort(), await freePort()];
    queues = QueueServiceClient.fromConnectionString(azuriteConnectionString(blobPort, queuePort));
    host = await startHostProcess(
      {
        DATA_DIR: dataDirectory,
        LOCAL_HOST_PORT: String(port),
        AZURITE_BLOB_PORT: String(blobPort),
        AZURITE_QUEUE_PORT: String(queuePort),
        EMAIL_PROVIDER: 'acs',
        ACS_EMAIL_CONNECTION_STRING: fake.connectionString,
        EMAIL_SENDER_ADDRESS: SENDER,
        LOG_LEVEL: 'debug',
      },
      join(dataDirectory, 'host.log'),
    );
    keys = JSON.parse(readFileSync(join(dataDirectory, 'dev-issuer', 'signing-key.json'), 'utf8')) as DevKeys;
    adminToken = await tokenFor(`acs-admin-${randomUUID().slice(0, 6)}@example.com`);
    await chooseOrganisationAccount(adminToken, host.url);
    const created = await call<{ organisation: { id: string } }>('/api/create-organisation', { method: 'POST', token: adminToken, json: { name: 'ACS Email Org' } });
    expect(created.status).toBe(201);
    db = new Database(join(dataDirectory, 'talenti.sqlite'));
    db.pragma('busy_timeout = 5000');
    roleId = randomUUID();
    const at = new Date().toISOString();
    db.prepare(`insert into job_roles (id, organisation_id, title, status, created_at, updated_at) values (?, ?, 'Platform Engineer', 'active', ?, ?)`).run(roleId, created.body.organisation.id, at, at);
  }, 90_000);

  afterAll(async () => {
    db?.close();
    await host?.stop();
    await fake?.close();
  });

  /** A candidate who applied to the role; their account email is unique, so fake behaviours can target them. */
  async function newApplication(): Promise<{ applicationId: string; email: string }> {
    const email = `candidate-${randomUUID().slice(0, 8)}@example.com`;
    const me = await call<{ user: { id: string } }>('/api/me', { token: await tokenFor(email) });
    const applicationId = randomUUID();
    const at = new Date().toISOString();
    db.prepare(`insert into applications (id, candidate_id, job_role_id, status, created_at, updated_at) values (?, ?, ?, 'applied', ?, ?)`).run(applicationId, me.body.user.id, roleId, at, at);
    return { applicationId, email };
  }

  async function invite(applicationId: string) {
    const response = await call<{ invitationId: string }>('/api/send-invitation', { method: 'POST', token: adminToken, json: { applicationId } });
    expect(response.status).toBe(201);
    return response.body.invitationId;
  }

  /** Delivers an invitation-emails message for the row now, as Core Tools' admin endpoint does. */
  async function deliverNow(outboxId: string): Promise<void> {
    const response = await fetch(`${host.url}/admin/functions/send-invitation-email`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input: JSON.stringify({ outboxId }) }) });
    expect(response.status).toBe(202);
  }

  /** Makes the invitation's waiting email due now (instead of after its backoff) and delivers its message. */
  async function retryNow(invitationId: string): Promise<void> {
    db.prepare(`update email_outbox set next_attempt_at = ? where invitation_id = ? and status = 'pending'`).run(new Date(Date.now() - 1000).toISOString(), invitationId);
    for (const email of outboxRows(db, invitationId).filter((e) => e.status === 'pending')) await deliverNow(email.id);
  }

  /** The invitation's only email once an attempt at it is over (the row no longer held by a worker). */
  const attempted = (invitationId: string, attempts = 1): Promise<OutboxRow> =>
    waitFor(() => outboxRows(db, invitationId).find((e) => e.attempts === attempts && e.locked_until === null), `attempt ${attempts} of invitation ${invitationId}`);

  const messagesWaiting = async () => (await queues.getQueueClient('invitation-emails').getProperties()).approximateMessagesCount;

  const acceptedFor = (outboxId: string) => fake.accepted.filter((email) => email.operationId === outboxId);

  it('sends through the real EmailClient, signed with the access key: the ACS operation id is recorded and the invitation is sent', async () => {
    const { applicationId, email } = await newApplication();
    const invitationId = await invite(applicationId);
    const [outbox] = await outboxRowsOnceSent(db, invitationId);
    expect(outbox).toMatchObject({ status: 'sent', attempts: 1, provider_message_id: outbox?.id, last_error: null });
    expect(invitationRow(db, invitationId).status).toBe('sent');
    const [sent, ...more] = acceptedFor(outbox?.id ?? '');
    expect(more).toEqual([]);
    expect(sent).toMatchObject({ senderAddress: SENDER, to: [email], subject: 'Interview invitation: Platform Engineer at ACS Email Org' });
    const token = tokenInLink(sent?.plainText ?? '');
    expect(tokenInLink(sent?.html ?? '')).toBe(token);
    expect(invitationRow(db, invitationId).token_hash).toBe(sha256(token));
    expect(fake.rejectedSignatures).toBe(0);
    expect(auditRows(db, invitationId, 'invitation_email_sent')).toHaveLength(1);

    // ACS later reports the delivery under the same message id.
    const delivered = await fetch(`${host.url}/runtime/webhooks/eventgrid?functionName=email-delivery-events`, {
      method: 'POST',
      headers: { 'aeg-event-type': 'Notification', 'content-type': 'application/json' },
      body: JSON.stringify([{ id: randomUUID(), subject: `sender/${SENDER}/message/${outbox?.id}`, eventType: 'Microsoft.Communication.EmailDeliveryReportReceived', eventTime: new Date().toISOString(), data: { messageId: outbox?.id, status: 'Delivered', recipient: email, sender: SENDER } }]),
    });
    expect(delivered.status).toBe(200);
    expect(invitationRow(db, invitationId).status).toBe('delivered');
  });

  it('keeps the invitation when a send fails, records why without the address, and enqueues the retry for after the backoff', async () => {
    const { applicationId, email } = await newApplication();
    fake.enqueue({ kind: 'status', status: 500, code: 'InternalServerError' }, email);
    const before = Date.now();
    const invitationId = await invite(applicationId);
    const failed = await attempted(invitationId);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, last_error: 'ACS answered HTTP 500 (InternalServerError)', locked_until: null, sent_at: null });
    const delay = Date.parse(failed?.next_attempt_at ?? '') - before;
    expect(delay).toBeGreaterThanOrEqual(48_000);
    expect(delay).toBeLessThanOrEqual(72_000 + (Date.now() - before));
    expect(invitationRow(db, invitationId).status).toBe('pending');
    // The first message is done with; the retry waits in the queue, invisible until the backoff ends.
    await waitFor(async () => (await messagesWaiting()) === 1, 'one delayed retry message');

    await deliverNow(failed.id); // a message that comes early finds the email not due: nothing happens
    expect(outboxRows(db, invitationId)[0]?.attempts).toBe(1);

    await retryNow(invitationId);
    const sent = await waitFor(() => outboxRows(db, invitationId).find((e) => e.status === 'sent'), 'the retried email to be sent');
    expect(sent.attempts).toBe(2);
    expect(invitationRow(db, invitationId).status).toBe('sent');
    expect(acceptedFor(sent.id)).toHaveLength(1);
  });

  it('gives up after the fifth failed attempt: email and invitation marked failed, kept, never sent again', async () => {
    const { applicationId, email } = await newApplication();
    const failures = [
      { kind: 'status', status: 500 },
      { kind: 'status', status: 429, retryAfterSeconds: 30, code: 'TooManyRequests' },
      { kind: 'status', status: 503 },
      { kind: 'status', status: 502 },
      { kind: 'status', status: 500 },
    ] as const;
    for (const failure of failures) fake.enqueue(failure, email);
    const invitationId = await invite(applicationId);
    const errors = [(await attempted(invitationId)).last_error];
    for (let attempt = 2; attempt <= 5; attempt++) {
      await retryNow(invitationId);
      errors.push((await attempted(invitationId, attempt)).last_error);
    }
    expect(errors).toEqual([
      'ACS answered HTTP 500 (ServiceError)',
      'ACS answered HTTP 429 (TooManyRequests)',
      'ACS answered HTTP 503 (ServiceError)',
      'ACS answered HTTP 502 (ServiceError)',
      'ACS answered HTTP 500 (ServiceError)',
    ]);
    const [outbox] = outboxRows(db, invitationId);
    expect(outbox).toMatchObject({ status: 'failed', attempts: 5 });
    const invitation = invitationRow(db, invitationId);
    expect(invitation.status).toBe('failed');
    expect(invitation.failed_at).not.toBeNull();
    const [audit] = auditRows(db, invitationId, 'invitation_email_failed');
    expect(JSON.parse(audit?.new_values ?? '{}')).toMatchObject({ status: 'failed', attempts: 5 });
    expect(audit?.new_values).not.toContain('@');

    db.prepare('update email_outbox set next_attempt_at = ? where id = ?').run(new Date(0).toISOString(), outbox?.id);
    await deliverNow(outbox?.id ?? '');
    expect(outboxRows(db, invitationId)[0]).toMatchObject({ status: 'failed', attempts: 5 });
    expect(acceptedFor(outbox?.id ?? '')).toHaveLength(0);
  });

  it('gives up at once when ACS accepted the email but its send operation failed: a repeat would get the same answer', async () => {
    const { applicationId, email } = await newApplication();
    fake.enqueue({ kind: 'operation-failed', code: 'EmailDroppedAllRecipientsSuppressed' }, email);
    const invitationId = await invite(applicationId);
    expect(await attempted(invitationId)).toMatchObject({ status: 'failed', attempts: 1, last_error: 'the ACS send operation failed (EmailDroppedAllRecipientsSuppressed)' });
    expect(invitationRow(db, invitationId).status).toBe('failed');
    expect(outboxRows(db, invitationId)[0]?.last_error).not.toContain(email);
  });

  it('sends each email once when its message is delivered several times at once', async () => {
    const { applicationId } = await newApplication();
    const invitationId = await invite(applicationId);
    await outboxRowsOnceSent(db, invitationId);
    const due = new Date(Date.now() - 1000).toISOString();
    const ids = Array.from({ length: 8 }, () => insertOutboxRow(db, invitationId, { to_address: `burst-${randomUUID().slice(0, 6)}@example.com`, next_attempt_at: due }));
    fake.setLatency(150);
    try {
      await Promise.all(ids.flatMap((id) => [deliverNow(id), deliverNow(id), deliverNow(id)]));
      await waitFor(() => ids.every((id) => outboxRows(db, invitationId).find((e) => e.id === id)?.status === 'sent'), 'every email to be sent');
    } finally {
      fake.setLatency(0);
    }
    for (const id of ids) expect(acceptedFor(id)).toHaveLength(1);
    for (const id of ids) expect(outboxRows(db, invitationId).find((e) => e.id === id)?.attempts).toBe(1);
  });

  it('does not send twice when ACS accepted an email but its answer was lost (repeatable request)', async () => {
    const { applicationId, email } = await newApplication();
    fake.enqueue({ kind: 'drop-response' }, email);
    const invitationId = await invite(applicationId);
    const lost = await attempted(invitationId);
    expect(lost).toMatchObject({ status: 'pending', attempts: 1 });
    expect(lost?.last_error).toMatch(/while calling ACS$/);
    expect(acceptedFor(lost?.id ?? '')).toHaveLength(1);

    await retryNow(invitationId);
    await waitFor(() => outboxRows(db, invitationId)[0]?.status === 'sent', 'the retry to complete');
    expect(acceptedFor(lost?.id ?? '')).toHaveLength(1);
    expect(invitationRow(db, invitationId).status).toBe('sent');
  });

  it('keeps the token out of the database and the logs, and the address out of the logs', async () => {
    const { applicationId, email } = await newApplication();
    const invitationId = await invite(applicationId);
    const [outbox] = await outboxRowsOnceSent(db, invitationId);
    const token = tokenInLink(acceptedFor(outbox?.id ?? '')[0]?.plainText ?? '');
    const log = await waitFor(() => {
      const text = readFileSync(join(dataDirectory, 'host.log'), 'utf8');
      return text.includes(`"outboxId":"${outbox?.id}"`) && text;
    }, 'the send to be logged');
    expect(log).toMatch(/email sent/);
    expect(log).not.toContain(token);
    expect(log).not.toContain(email);
    expect(log).not.toContain(fake.connectionString.split('accesskey=')[1]);
    expect(databaseBytes(dataDirectory)).not.toContain(token);
  });
});
