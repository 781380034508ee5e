import { randomUUID } from 'node:crypto';
import { buildFixture, type Fixture } from '../matrix/fixture';
import { api, baseUrl } from '../support/api';

const TOPIC = '/subscriptions/0000/resourceGroups/talenti/providers/Microsoft.Communication/CommunicationServices/talenti-acs';

/** An event as the Communication Services system topic delivers it (Event Grid schema). */
function acsEvent(eventType: string, subject: string, data: unknown, eventTime = new Date().toISOString()) {
  return { id: randomUUID(), topic: TOPIC, subject, eventType: `Microsoft.Communication.${eventType}`, eventTime, dataVersion: '1.0', metadataVersion: '1', data };
}

function callEvent(type: 'CallStarted' | 'CallEnded', roomId: string, serverCallId: string, eventTime?: string) {
  return acsEvent(
    type,
    `room/${roomId}`,
    { startedBy: { communicationIdentifier: { rawId: '8:acs:x' } }, serverCallId, room: { id: roomId }, isTwoParty: false, correlationId: randomUUID(), isRoomsCall: true },
    eventTime,
  );
}

/** The same call event as a CloudEvent 1.0, for a subscription made with the CloudEvents schema. */
function callCloudEvent(type: 'CallStarted' | 'CallEnded', roomId: string, serverCallId: string, time: string) {
  const { data } = callEvent(type, roomId, serverCallId);
  return { specversion: '1.0', id: randomUUID(), source: TOPIC, subject: `call/${serverCallId}/startedBy/8:acs:x`, type: `Microsoft.Communication.${type}`, time, datacontenttype: 'application/json', data };
}

async function deliverCloudEvents(events: unknown[]): Promise<number> {
  const response = await fetch(`${baseUrl()}/runtime/webhooks/eventgrid?functionName=acs-events`, {
    method: 'POST',
    headers: { 'content-type': 'application/cloudevents-batch+json; charset=utf-8' },
    body: JSON.stringify(events),
  });
  return response.status;
}

async function deliver(events: unknown, headers: Record<string, string> = { 'aeg-event-type': 'Notification' }): Promise<{ status: number; text: string }> {
  const response = await fetch(`${baseUrl()}/runtime/webhooks/eventgrid?functionName=acs-events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(events),
  });
  return { status: response.status, text: await response.text() };
}

describe('acs-events (Communication Services call events through Event Grid)', () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await buildFixture();
  }, 60_000);
  afterAll(() => fx.db.close());

  /** A live interview in organisation A with its room; optionally with the candidate's recording consent. */
  async function liveInterview(options: { recordingConsent?: boolean; status?: string; applicationId?: string } = {}) {
    const applicationId = options.applicationId ?? (await fx.newApplicant()).applicationId;
    const id = randomUUID();
    const roomId = `room-${randomUUID()}`;
    const now = new Date().toISOString();
    fx.db
      .prepare('insert into interviews (id, application_id, status, acs_room_id, created_at, updated_at) values (?, ?, ?, ?, ?, ?)')
      .run(id, applicationId, options.status ?? 'in_progress', roomId, now, now);
    if (options.recordingConsent) {
      fx.db.prepare("insert into consents (id, interview_id, kind, policy_version, granted_at) values (?, ?, 'recording', 'v1', ?)").run(randomUUID(), id, now);
    }
    return { id, roomId, serverCallId: `server-call-${randomUUID()}` };
  }

  const callRow = (id: string) =>
    fx.db.prepare('select call_state, call_started_at, call_ended_at, acs_server_call_id, recording_refused_reason from interviews where id = ?').get(id) as Record<string, string | null>;
  const processed = (eventId: string) => fx.db.prepare('select event_type, outcome from processed_events where event_id = ?').all(eventId);

  it('answers the subscription validation handshake with the code', async () => {
    const handshake = acsEvent('x', '', { validationCode: 'code-123', validationUrl: 'https://example.invalid/validate' });
    const response = await deliver([{ ...handshake, eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent' }], { 'aeg-event-type': 'SubscriptionValidation' });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ validationResponse: 'code-123' });
  });

  it('moves the interview found by its room through started and ended, once however often an event comes', async () => {
    const call = await liveInterview({ recordingConsent: true, status: 'completed' });
    const started = callEvent('CallStarted', call.roomId, call.serverCallId, '2026-12-01T10:00:00.000Z');
    expect((await deliver([started])).status).toBe(200);
    expect(callRow(call.id)).toMatchObject({ call_state: 'started', call_started_at: '2026-12-01T10:00:00.000Z', acs_server_call_id: call.serverCallId, recording_refused_reason: null });

    const ended = callEvent('CallEnded', call.roomId, call.serverCallId, '2026-12-01T10:30:00.000Z');
    expect((await deliver([ended, ended])).status).toBe(200);
    expect((await deliver(started)).status).toBe(200);
    expect(callRow(call.id)).toMatchObject({ call_state: 'ended', call_ended_at: '2026-12-01T10:30:00.000Z' });
    expect(processed(started.id)).toEqual([{ event_type: 'Microsoft.Communication.CallStarted', outcome: 'processed' }]);
    expect(processed(ended.id)).toHaveLength(1);
  });

  it('keeps CallEnded when CallStarted arrives after it, and marks a call that ended before the interview completed', async () => {
    const call = await liveInterview({ recordingConsent: true });
    expect((await deliver([callEvent('CallEnded', call.roomId, call.serverCallId, '2026-12-01T11:05:00.000Z')])).status).toBe(200);
    expect((await deliver([callEvent('CallStarted', call.roomId, call.serverCallId, '2026-12-01T11:00:00.000Z')])).status).toBe(200);
    expect(callRow(call.id)).toMatchObject({
      call_state: 'ended_early',
      call_started_at: '2026-12-01T11:00:00.000Z',
      call_ended_at: '2026-12-01T11:05:00.000Z',
      acs_server_call_id: call.serverCallId,
    });
  });

  it('shows staff a call that ended before the interview completed, and why it was not recorded; the candidate sees neither', async () => {
    const { applicationId, token: candidateToken } = await fx.newApplicant();
    const call = await liveInterview({ applicationId });
    await deliver([callEvent('CallStarted', call.roomId, call.serverCallId, '2026-12-01T14:00:00.000Z')]);
    await deliver([callEvent('CallEnded', call.roomId, call.serverCallId, '2026-12-01T14:04:00.000Z')]);

    const staff = await api<{ interview: Record<string, unknown> }>(`/api/interviews/${call.id}`, { token: fx.tokens.recruiter });
    expect(staff.status).toBe(200);
    expect(staff.body.interview).toMatchObject({
      status: 'in_progress',
      call_state: 'ended_early',
      call_started_at: '2026-12-01T14:00:00.000Z',
      call_ended_at: '2026-12-01T14:04:00.000Z',
      recording_refused_reason: 'The candidate did not consent to recording for this interview.',
    });
    const candidate = await api<{ interview: Record<string, unknown> }>(`/api/interviews/${call.id}`, { token: candidateToken });
    expect(candidate.status).toBe(200);
    expect(candidate.body.interview).not.toHaveProperty('call_state');
    expect(candidate.body.interview).not.toHaveProperty('recording_refused_reason');
  });

  it('refuses recording without the candidate’s recording consent and stores why', async () => {
    const call = await liveInterview();
    expect((await deliver([callEvent('CallStarted', call.roomId, call.serverCallId)])).status).toBe(200);
    expect(callRow(call.id)).toMatchObject({ call_state: 'started', recording_refused_reason: 'The candidate did not consent to recording for this interview.' });
  });

  it('answers the CloudEvents webhook handshake: OPTIONS with WebHook-Request-Origin gets it back as the allowed origin', async () => {
    const response = await fetch(`${baseUrl()}/runtime/webhooks/eventgrid?functionName=acs-events`, { method: 'OPTIONS', headers: { 'webhook-request-origin': 'eventgrid.azure.net' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('webhook-allowed-origin')).toBe('eventgrid.azure.net');
  });

  it('takes CloudEvents too: a duplicate changes nothing, CallEnded before CallStarted still ends the call', async () => {
    const call = await liveInterview({ recordingConsent: true });
    const ended = callCloudEvent('CallEnded', call.roomId, call.serverCallId, '2026-12-01T12:20:00.000Z');
    const started = callCloudEvent('CallStarted', call.roomId, call.serverCallId, '2026-12-01T12:00:00.000Z');
    expect(await deliverCloudEvents([ended, ended])).toBe(200);
    expect(await deliverCloudEvents([started])).toBe(200);
    expect(await deliverCloudEvents([started, ended])).toBe(200);
    expect(callRow(call.id)).toMatchObject({
      call_state: 'ended_early',
      call_started_at: '2026-12-01T12:00:00.000Z',
      call_ended_at: '2026-12-01T12:20:00.000Z',
      acs_server_call_id: call.serverCallId,
    });
    expect(processed(started.id)).toEqual([{ event_type: 'Microsoft.Communication.CallStarted', outcome: 'processed' }]);
    expect(processed(ended.id)).toEqual([{ event_type: 'Microsoft.Communication.CallEnded', outcome: 'processed' }]);
  });

  it('treats one event id once whichever schema delivers it', async () => {
    const call = await liveInterview({ recordingConsent: true, status: 'completed' });
    const ended = callEvent('CallEnded', call.roomId, call.serverCallId, '2026-12-01T13:30:00.000Z');
    expect((await deliver([ended])).status).toBe(200);
    // The same event again as a CloudEvent (a subscription moved to the other schema mid-flight), with another time.
    const again = { ...callCloudEvent('CallEnded', call.roomId, call.serverCallId, '2026-12-01T13:45:00.000Z'), id: ended.id };
    expect(await deliverCloudEvents([again])).toBe(200);
    expect(callRow(call.id)).toMatchObject({ call_state: 'ended', call_ended_at: '2026-12-01T13:30:00.000Z' });
  });

  it('acknowledges unknown types and rejects a malformed event alone, the rest of the batch applied', async () => {
    const call = await liveInterview({ recordingConsent: true });
    const unknown = acsEvent('ChatMessageReceived', `thread/${randomUUID()}`, { messageBody: 'hello' });
    const malformed = acsEvent('CallStarted', `room/${call.roomId}`, { room: { id: call.roomId } });
    const good = callEvent('CallStarted', call.roomId, call.serverCallId);
    expect((await deliver([unknown, malformed, good])).status).toBe(200);
    expect(processed(unknown.id)).toEqual([{ event_type: 'Microsoft.Communication.ChatMessageReceived', outcome: 'ignored' }]);
    expect(processed(malformed.id)).toEqual([{ event_type: 'Microsoft.Communication.CallStarted', outcome: 'rejected' }]);
    expect(callRow(call.id).call_state).toBe('started');
  });

  it('keeps a ready recording once for the download pipeline, found by its server call', async () => {
    const call = await liveInterview({ recordingConsent: true });
    await deliver([callEvent('CallStarted', call.roomId, call.serverCallId)]);
    const recordingId = `rec-${randomUUID()}`;
    const chunk = (index: number) => ({
      documentId: `doc-${index}`,
      index,
      endReason: 'SessionEnded',
      contentLocation: `https://127.0.0.1:9/v1/objects/doc-${index}/content/audio`,
      metadataLocation: `https://127.0.0.1:9/v1/objects/doc-${index}/content/acsmetadata`,
      deleteLocation: `https://127.0.0.1:9/v1/objects/doc-${index}`,
    });
    const ready = acsEvent('RecordingFileStatusUpdated', `/recording/call/${randomUUID()}/serverCallId/${call.serverCallId}/recordingId/${recordingId}`, {
      recordingStorageInfo: { recordingChunks: [chunk(0)] },
      recordingStartTime: '2026-12-01T10:00:05.000Z',
      recordingDurationMs: 61_000,
      recordingContentType: 'Audio',
      recordingChannelType: 'Mixed',
      recordingFormatType: 'Wav',
      sessionEndReason: 'CallEnded',
    });
    expect((await deliver([ready, { ...ready, id: randomUUID() }])).status).toBe(200);
    const rows = fx.db.prepare('select interview_id, state, content_location, delete_location, chunk_count, duration_ms from recordings where recording_id = ?').all(recordingId);
    expect(rows).toEqual([
      { interview_id: call.id, state: 'recording', content_location: chunk(0).contentLocation, delete_location: chunk(0).deleteLocation, chunk_count: 1, duration_ms: 61_000 },
    ]);
  });
});
