import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { QueueServiceClient } from '@azure/storage-queue';
import Database from 'better-sqlite3';
import { freePort, startHostProcess, type HostProcess } from '../support/processes';
import { mailboxEmail, mailboxEmails, waitFor } from '../invitations/helpers';
import { drained, messageCount, queueService, sendRaw } from './queue-support';

/**
 * A message whose handler keeps failing: its own host (own SQLite file and Azurite), whose database the test breaks
 * by renaming the outbox table, so every attempt throws as it would with the database unreachable.
 */
describe('a queue message whose handler keeps failing', () => {
  let host: HostProcess;
  let dataDirectory: string;
  let db: Database.Database;
  let queues: QueueServiceClient;

  beforeAll(async () => {
    dataDirectory = mkdtempSync(join(tmpdir(), 'talenti-poison-'));
    const [blobPort, queuePort] = [await freePort(), await freePort()];
    host = await startHostProcess(
      { DATA_DIR: dataDirectory, LOCAL_HOST_PORT: String(await freePort()), AZURITE_BLOB_PORT: String(blobPort), AZURITE_QUEUE_PORT: String(queuePort) },
      join(dataDirectory, 'host.log'),
    );
    queues = queueService(blobPort, queuePort);
    db = new Database(join(dataDirectory, 'talenti.sqlite'));
    db.pragma('busy_timeout = 5000');
  }, 90_000);

  afterAll(async () => {
    db?.close();
    await host?.stop();
  });

  it('ends in invitation-emails-poison after maxDequeueCount attempts; the outbox row stays, and a replay sends it', async () => {
    const outboxId = randomUUID();
    const now = new Date().toISOString();
    db.prepare(
      `insert into email_outbox (id, invitation_id, to_address, subject, html_body, text_body, status, attempts, next_attempt_at, created_at)
       values (?, null, 'candidate@example.com', 'Interview invitation', '<p>Hello</p>', 'Hello', 'pending', 0, ?, ?)`,
    ).run(outboxId, now, now);

    db.exec('alter table email_outbox rename to email_outbox_away');
    try {
      await sendRaw(queues, 'invitation-emails', { outboxId });
      await waitFor(async () => (await messageCount(queues, 'invitation-emails-poison')) === 1, 'the message in the poison queue', 90_000);
      await drained(queues, 'invitation-emails');
    } finally {
      db.exec('alter table email_outbox_away rename to email_outbox');
    }
    // The host's output reaches its log file a moment after the move itself.
    const log = await waitFor(() => {
      const text = readFileSync(join(dataDirectory, 'host.log'), 'utf8');
      return /moved to invitation-emails-poison after 5 attempts/.test(text) && text;
    }, 'the move to be logged');
    expect(log.match(new RegExp('send-invitation-email: message \\S+ failed', 'g'))).toHaveLength(5);

    // The outbox row is the source of truth: untouched, still waiting to be sent.
    expect(db.prepare('select status, attempts, locked_until from email_outbox where id = ?').get(outboxId)).toEqual({ status: 'pending', attempts: 0, locked_until: null });
    expect(mailboxEmails(dataDirectory, outboxId)).toHaveLength(0);

    // The poison message carries only the id, in the runtime's encoding: the replay of docs/operations.md.
    const poison = queues.getQueueClient('invitation-emails-poison');
    const [message] = (await poison.receiveMessages({ numberOfMessages: 1 })).receivedMessageItems;
    expect(JSON.parse(Buffer.from(message?.messageText ?? '', 'base64').toString('utf8'))).toEqual({ outboxId });
    await queues.getQueueClient('invitation-emails').sendMessage(message?.messageText ?? '');
    await poison.deleteMessage(message?.messageId ?? '', message?.popReceipt ?? '');

    expect((await mailboxEmail(dataDirectory, outboxId)).text).toBe('Hello');
    await drained(queues, 'invitation-emails');
    expect(db.prepare('select status, attempts from email_outbox where id = ?').get(outboxId)).toEqual({ status: 'sent', attempts: 1 });
    expect(await messageCount(queues, 'invitation-emails-poison')).toBe(0);
  }, 150_000);
});
