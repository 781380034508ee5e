import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFixture, type Fixture } from '../matrix/fixture';
import { baseUrl, dataDir } from '../support/api';
import { auditRows, insertOutboxRow, insertSentInvitation, invitationRow, waitFor } from './helpers';

const REPORT = 'Microsoft.Communication.EmailDeliveryReportReceived';

/** An event as ACS's Event Grid system topic delivers it. */
function report(messageId: string, status: string, extra: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    topic: '/subscriptions/0000/resourceGroups/talenti/providers/Microsoft.Communication/CommunicationServices/talenti-acs',
    subject: `sender/DoNotReply@mail.talenti.example/message/${messageId}`,
    eventType: REPORT,
    eventTime: new Date().toISOString(),
    dataVersion: '1.0',
    metadataVersion: '1',
    data: {
      sender: 'DoNotReply@mail.talenti.example',
      recipient: 'candidate@example.com',
      messageId,
      status,
      deliveryStatusDetails: { statusMessage: 'No error.' },
      deliveryAttemptTimeStamp: '2026-11-26T01:02:03.456Z',
      ...extra,
    },
  };
}

async function deliver(events: unknown): Promise<number> {
  const response = await fetch(`${baseUrl()}/runtime/webhooks/eventgrid?functionName=email-delivery-events`, {
    method: 'POST',
    headers: { 'aeg-event-type': 'Notification', 'content-type': 'application/json' },
    body: JSON.stringify(events),
  });
  await response.text();
  return response.status;
}

describe('email-delivery-events (ACS EmailDeliveryReportReceived through Event Grid)', () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await buildFixture();
  }, 60_000);
  afterAll(() => fx.db.close());

  const sentInvitation = async (status = 'sent') => insertSentInvitation(fx.db, (await fx.newApplicant()).applicationId, { status });

  it('moves a sent invitation to delivered at the reported time, audited once however often the event comes', async () => {
    const { invitationId, messageId } = await sentInvitation();
    const event = report(messageId, 'Delivered');
    expect(await deliver([event])).toBe(200);
    expect(invitationRow(fx.db, invitationId)).toMatchObject({ status: 'delivered', delivered_at: '2026-11-26T01:02:03.456Z' });
    expect(await deliver(event)).toBe(200);
    const audits = auditRows(fx.db, invitationId, 'invitation_delivered');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ user_id: null, organisation_id: fx.orgA });
    expect(JSON.parse(audits[0]?.new_values ?? '{}')).toEqual({ status: 'delivered', delivery_status: 'Delivered', event_id: event.id });
    expect(audits[0]?.new_values).not.toContain('@');
  });

  it.each(['Bounced', 'Suppressed', 'Failed', 'Quarantined', 'FilteredSpam'])('moves a sent invitation to bounced on %s', async (status) => {
    const { invitationId, messageId } = await sentInvitation();
    expect(await deliver([report(messageId, status)])).toBe(200);
    expect(invitationRow(fx.db, invitationId).status).toBe('bounced');
    expect(auditRows(fx.db, invitationId, 'invitation_bounced')).toHaveLength(1);
  });

  it.each([
    ['opened', 'Delivered'],
    ['opened', 'Bounced'],
    ['revoked', 'Delivered'],
    ['delivered', 'Bounced'],
    ['bounced', 'Delivered'],
  ])('never moves an invitation back: %s stays on %s', async (status, deliveryStatus) => {
    const { invitationId, messageId } = await sentInvitation(status);
    expect(await deliver([report(messageId, deliveryStatus)])).toBe(200);
    expect(invitationRow(fx.db, invitationId).status).toBe(status);
  });

  it('records a delivery that beats our own poll, and one for an invitation given up on', async () => {
    for (const status of ['pending', 'failed']) {
      const { invitationId, messageId } = await sentInvitation(status);
      expect(await deliver([report(messageId, 'Delivered')])).toBe(200);
      expect(invitationRow(fx.db, invitationId).status).toBe('delivered');
    }
  });

  it('ignores a report on an email that a resend has replaced', async () => {
    const { invitationId, messageId } = await sentInvitation();
    insertOutboxRow(fx.db, invitationId, { created_at: new Date(Date.now() + 1000).toISOString(), next_attempt_at: new Date(Date.now() + 3_600_000).toISOString() });
    fx.db.prepare(`update invitations set status = 'pending' where id = ?`).run(invitationId);
    expect(await deliver([report(messageId, 'Bounced')])).toBe(200);
    expect(invitationRow(fx.db, invitationId).status).toBe('pending');
  });

  it('acknowledges, logs and ignores what it cannot use: unknown messages, no outcome, other events, invalid data', async () => {
    const { invitationId, messageId } = await sentInvitation();
    const invalid = { ...report(messageId, 'Delivered'), data: { status: 'Delivered' } };
    const events = [
      report(randomUUID(), 'Delivered'),
      report(messageId, 'Expanded'),
      { ...report(messageId, 'Delivered'), eventType: 'Microsoft.Communication.EmailEngagementTrackingReportReceived' },
      invalid,
    ];
    expect(await deliver(events)).toBe(200);
    expect(invitationRow(fx.db, invitationId).status).toBe('sent');
    // The host's output reaches its log file asynchronously.
    const log = await waitFor(() => {
      const text = readFileSync(join(dataDir(), 'host.log'), 'utf8');
      return text.includes(invalid.id) && text;
    }, 'the rejection to be logged');
    expect(log).toMatch(new RegExp(`email delivery report rejected: invalid data.*${invalid.id}.*messageId`));
    expect(log).toMatch(/email delivery report for a message we did not send; ignored/);
    expect(log).not.toContain('candidate@example.com');
  });
});
