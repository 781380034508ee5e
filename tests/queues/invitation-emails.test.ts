import type { QueueServiceClient } from '@azure/storage-queue';
import { api, baseUrl, dataDir } from '../support/api';
import { buildFixture, type Fixture } from '../matrix/fixture';
import { auditRows, insertOutboxRow, mailboxEmail, mailboxEmails, outboxRows, outboxRowsOnceSent } from '../invitations/helpers';
import { drained, queueService, runFunction, sendRaw } from './queue-support';

let fx: Fixture;
let queues: QueueServiceClient;
beforeAll(async () => {
  fx = await buildFixture();
  queues = queueService();
}, 60_000);
afterAll(() => fx.db.close());

async function sendInvitation(): Promise<string> {
  const applicant = await fx.newApplicant();
  const response = await api<{ invitationId: string }>('/api/send-invitation', { method: 'POST', token: fx.tokens.recruiter, json: { applicationId: applicant.applicationId } });
  expect(response.status).toBe(201);
  return response.body.invitationId;
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

describe('invitation emails through the invitation-emails queue', () => {
  it('sends the email exactly once even when its message is delivered again and again', async () => {
    const invitationId = await sendInvitation();
    const [outbox] = await outboxRowsOnceSent(fx.db, invitationId);
    const outboxId = outbox?.id ?? '';
    expect(mailboxEmails(dataDir(), outboxId)).toHaveLength(1);

    // At-least-once delivery: the same message twice more through Azurite, and once through the admin endpoint.
    await sendRaw(queues, 'invitation-emails', { outboxId });
    await sendRaw(queues, 'invitation-emails', { outboxId });
    expect(await runFunction(baseUrl(), 'send-invitation-email', JSON.stringify({ outboxId }))).toBe(202);
    await drained(queues, 'invitation-emails');

    expect(mailboxEmails(dataDir(), outboxId)).toHaveLength(1);
    expect(outboxRows(fx.db, invitationId)).toEqual([expect.objectContaining({ id: outboxId, status: 'sent', attempts: 1 })]);
    expect(auditRows(fx.db, invitationId, 'invitation_email_sent')).toHaveLength(1);
  });

  it('the sweeper re-enqueues an email whose message was lost, and leaves alone one whose message may still come', async () => {
    const invitationId = await sendInvitation();
    await outboxRowsOnceSent(fx.db, invitationId);
    // Rows as a commit leaves them when the message after it could not be sent: one due for 11 minutes, one for 1.
    const lost = insertOutboxRow(fx.db, invitationId, { next_attempt_at: minutesAgo(11), created_at: minutesAgo(11) });
    const recent = insertOutboxRow(fx.db, invitationId, { next_attempt_at: minutesAgo(1), created_at: minutesAgo(1) });

    expect(await runFunction(baseUrl(), 'sweep-email-outbox')).toBe(202);
    expect((await mailboxEmail(dataDir(), lost)).subject).toBe('Interview invitation');
    await drained(queues, 'invitation-emails');
    const rows = outboxRows(fx.db, invitationId);
    expect(rows.find((e) => e.id === lost)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(rows.find((e) => e.id === recent)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(mailboxEmails(dataDir(), recent)).toHaveLength(0);
  });

  it('drops a malformed message after logging it, without a retry or a poison message', async () => {
    const poisoned = async () => (await queues.getQueueClient('invitation-emails-poison').getProperties()).approximateMessagesCount ?? 0;
    const before = await poisoned();
    await sendRaw(queues, 'invitation-emails', { outboxId: 'not-a-uuid' });
    await queues.getQueueClient('invitation-emails').sendMessage('not base64 JSON at all');
    await drained(queues, 'invitation-emails');
    expect(await poisoned()).toBe(before);
  });
});
