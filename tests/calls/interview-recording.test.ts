import { randomUUID } from 'node:crypto';
import { fakeCallAutomation, type FakeCallAutomation } from '../../scripts/local-host/fakes/acs-call-automation';
import { startFakeAcsIdentityServer, type FakeAcsIdentityServer } from '../../scripts/local-host/fakes/acs-identity';
import { startTokenHost, type TokenHost } from '../support/token-host';
import { chooseOrganisationAccount } from '../support/api';

const TOPIC = '/subscriptions/0000/resourceGroups/talenti/providers/Microsoft.Communication/CommunicationServices/talenti-acs';

/**
 * Recording with consent through a local host: CallStarted (Event Grid) starts the recording with the real
 * CallAutomationClient against a fake of Call Automation (HMAC checked on every request), staff pause, resume and
 * stop it, and the candidate ending the interview stops it. RECORDING_FORMAT is mp3 here, to see it applied.
 */
describe('interview recording with consent', () => {
  let acs: FakeAcsIdentityServer;
  let calls: FakeCallAutomation;
  let host: TokenHost;
  let staff: { id: string; token: string };

  beforeAll(async () => {
    calls = fakeCallAutomation();
    acs = await startFakeAcsIdentityServer([calls.api]);
    host = await startTokenHost({ ACS_CONNECTION_STRING: acs.connectionString, RECORDING_FORMAT: 'mp3' });
    staff = await host.user('staff');
  }, 120_000);

  afterAll(async () => {
    await host?.stop();
    await acs?.close();
  });

  /** A running interview in its room, as the candidate's browser joins it; optionally with recording consent. */
  async function interviewInRoom(options: { recordingConsent: boolean }) {
    const candidate = await host.user('candidate');
    const { token, interviewId } = await host.session(candidate.id, staff.token);
    const roomId = `room-${randomUUID()}`;
    const now = new Date().toISOString();
    host.db().prepare('update interviews set acs_room_id = ?, started_at = ? where id = ?').run(roomId, now, interviewId);
    if (options.recordingConsent) {
      host.db().prepare("insert into consents (id, interview_id, kind, policy_version, granted_at) values (?, ?, 'recording', 'v1', ?)").run(randomUUID(), interviewId, now);
    }
    return { interviewId, roomId, sessionToken: token, serverCallId: `server-call-${randomUUID()}` };
  }

  async function callStarted(roomId: string, serverCallId: string): Promise<number> {
    const event = {
      id: randomUUID(),
      topic: TOPIC,
      subject: `room/${roomId}`,
      eventType: 'Microsoft.Communication.CallStarted',
      eventTime: new Date().toISOString(),
      dataVersion: '1.0',
      metadataVersion: '1',
      data: { serverCallId, room: { id: roomId }, isRoomsCall: true, correlationId: randomUUID() },
    };
    const response = await fetch(`${host.url}/runtime/webhooks/eventgrid?functionName=acs-events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'aeg-event-type': 'Notification' },
      body: JSON.stringify([event]),
    });
    return response.status;
  }

  const recordingRow = (id: string) =>
    host.db().prepare('select acs_recording_id, recording_state, recording_refused_reason from interviews where id = ?').get(id) as {
      acs_recording_id: string | null;
      recording_state: string | null;
      recording_refused_reason: string | null;
    };
  const control = (interviewId: string, action: string, token = staff.token) => host.call(`/api/interviews/${interviewId}/recording/${action}`, { method: 'POST', token, json: {} });

  it('starts an audio recording of the call when the candidate consented, once however often the call starts', async () => {
    const call = await interviewInRoom({ recordingConsent: true });
    expect(await callStarted(call.roomId, call.serverCallId)).toBe(200);
    const started = calls.starts.filter((s) => s.serverCallId === call.serverCallId);
    expect(started).toEqual([{ recordingId: expect.any(String), serverCallId: call.serverCallId, content: 'audio', channel: 'mixed', format: 'mp3' }]);
    expect(recordingRow(call.interviewId)).toEqual({ acs_recording_id: started[0]?.recordingId, recording_state: 'active', recording_refused_reason: null });

    expect(await callStarted(call.roomId, call.serverCallId)).toBe(200);
    expect(calls.starts.filter((s) => s.serverCallId === call.serverCallId)).toHaveLength(1);
    expect(acs.rejected).toBe(0);
  });

  it('records nothing without consent and keeps why', async () => {
    const call = await interviewInRoom({ recordingConsent: false });
    expect(await callStarted(call.roomId, call.serverCallId)).toBe(200);
    expect(calls.starts.filter((s) => s.serverCallId === call.serverCallId)).toEqual([]);
    expect(recordingRow(call.interviewId)).toEqual({ acs_recording_id: null, recording_state: null, recording_refused_reason: 'The candidate did not consent to recording for this interview.' });
    expect((await control(call.interviewId, 'pause')).status).toBe(409);
  });

  it('keeps the reason when Communication Services does not start the recording', async () => {
    const call = await interviewInRoom({ recordingConsent: true });
    calls.failNext(403);
    expect(await callStarted(call.roomId, call.serverCallId)).toBe(200);
    expect(recordingRow(call.interviewId)).toMatchObject({ acs_recording_id: null, recording_refused_reason: 'Communication Services did not start the recording (status 403).' });
  });

  it('lets staff pause, resume and stop it, each at ACS and audited; a move that does not apply is 409', async () => {
    const call = await interviewInRoom({ recordingConsent: true });
    await callStarted(call.roomId, call.serverCallId);
    const { acs_recording_id: recordingId } = recordingRow(call.interviewId);

    const paused = await control(call.interviewId, 'pause');
    expect(paused.status).toBe(200);
    expect(paused.body).toEqual({ recording_id: recordingId, recording_state: 'paused' });
    expect(calls.states.get(recordingId ?? '')).toBe('paused');
    expect((await control(call.interviewId, 'pause')).status).toBe(409);
    expect((await control(call.interviewId, 'resume')).body).toMatchObject({ recording_state: 'active' });
    expect(calls.states.get(recordingId ?? '')).toBe('active');
    expect((await control(call.interviewId, 'stop')).body).toMatchObject({ recording_state: 'stopped' });
    expect(calls.states.get(recordingId ?? '')).toBe('stopped');
    expect((await control(call.interviewId, 'resume')).status).toBe(409);
    expect((await control(call.interviewId, 'rewind')).status).toBe(404);

    const audits = host.db().prepare("select action, user_id from audit_log where entity_type = 'interview' and entity_id = ? order by created_at, action").all(call.interviewId);
    expect(audits).toEqual([
      { action: 'interview_recording_paused', user_id: staff.id },
      { action: 'interview_recording_resumed', user_id: staff.id },
      { action: 'interview_recording_stopped', user_id: staff.id },
    ]);
  });

  it('answers staff of another organisation 404 and changes nothing', async () => {
    const call = await interviewInRoom({ recordingConsent: true });
    await callStarted(call.roomId, call.serverCallId);
    const stranger = await host.user('stranger');
    await chooseOrganisationAccount(stranger.token, host.url);
    await host.call('/api/create-organisation', { method: 'POST', token: stranger.token, json: { name: `Org ${randomUUID().slice(0, 8)}` } });
    expect((await control(call.interviewId, 'stop', stranger.token)).status).toBe(404);
    expect(recordingRow(call.interviewId).recording_state).toBe('active');
  });

  it('stops the recording when the candidate ends the interview', async () => {
    const call = await interviewInRoom({ recordingConsent: true });
    await callStarted(call.roomId, call.serverCallId);
    const { acs_recording_id: recordingId } = recordingRow(call.interviewId);
    const ended = await host.call('/api/interview-session/end', { method: 'POST', token: call.sessionToken, json: { reason: 'candidate_hung_up' } });
    expect(ended.status).toBe(200);
    expect(recordingRow(call.interviewId).recording_state).toBe('stopped');
    expect(calls.states.get(recordingId ?? '')).toBe('stopped');
  });
});
