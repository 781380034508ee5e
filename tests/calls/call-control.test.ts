import { randomUUID } from 'node:crypto';
import { startFakeCallbackSigner, type FakeCallbackSigner } from '../support/fakes/acs-callback-signer';
import { fakeCallAutomation, type FakeCall, type FakeCallAutomation } from '../../scripts/local-host/fakes/acs-call-automation';
import { startFakeAcsIdentityServer, type FakeAcsIdentityServer } from '../../scripts/local-host/fakes/acs-identity';
import { startTokenHost, type TokenHost } from '../support/token-host';

const RESOURCE_ID = randomUUID();
const CALLBACK_BASE_URL = 'https://talenti.example.com';
const CALLER_NUMBER = '+61291234567';

interface Call {
  call_connection_id: string | null;
  state: string | null;
  play_state: string | null;
  participants: Array<{ id: string; kind: string; raw_id: string; state: string; muted: boolean }>;
}

/**
 * Staff call control through a local host: the real CallAutomationClient against the fake of Call Automation (HMAC
 * checked on every request), mid-call callbacks signed as ACS signs them, Event Grid events on acs-events.
 */
describe('call control for staff', () => {
  let acs: FakeAcsIdentityServer;
  let calls: FakeCallAutomation;
  let signer: FakeCallbackSigner;
  let host: TokenHost;

  beforeAll(async () => {
    signer = await startFakeCallbackSigner(RESOURCE_ID);
    calls = fakeCallAutomation();
    acs = await startFakeAcsIdentityServer([calls.api]);
    host = await startTokenHost({
      ACS_CONNECTION_STRING: acs.connectionString,
      ACS_RESOURCE_ID: RESOURCE_ID,
      ACS_CALLBACK_JWKS_URI: signer.jwksUri,
      CALLBACK_BASE_URL,
      ACS_CALLER_NUMBER: CALLER_NUMBER,
    });
  }, 120_000);

  afterAll(async () => {
    await host?.stop();
    await acs?.close();
    await signer?.close();
  });

  /** A live interview of a new organisation whose admin is `staff`, and the candidate's own ACS identity. */
  async function liveInterview() {
    const staff = await host.user('staff');
    const candidate = await host.user('candidate');
    const { interviewId, token: sessionToken } = await host.session(candidate.id, staff.token);
    const issued = await host.call<{ user: { communicationUserId: string } }>('/api/acs-token-generator', { method: 'POST', token: candidate.token, json: {} });
    expect(issued.status).toBe(200);
    return { staff, candidate, interviewId, sessionToken, identity: issued.body.user.communicationUserId };
  }

  const callApi = (interviewId: string, token: string, path = '', init: { method?: string; json?: unknown } = {}) =>
    host.call<Call>(`/api/interviews/${interviewId}/call${path}`, { method: init.method ?? 'POST', token, json: init.json ?? (init.method === 'DELETE' || init.method === 'GET' ? undefined : {}) });

  const fakeCall = (id: string | null): FakeCall => {
    const call = calls.calls.get(id ?? '');
    if (!call) throw new Error(`the fake has no call ${id}`);
    return call;
  };

  /** Posts mid-call callbacks to the URL the call was given, signed as ACS signs them. */
  async function callback(call: FakeCall, type: string, data: Record<string, unknown> = {}) {
    const url = new URL(call.callbackUri);
    expect(url.origin + url.pathname).toBe(`${CALLBACK_BASE_URL}/api/calls/callbacks`);
    const body = [{ id: randomUUID(), source: `calling/callConnections/${call.id}`, type: `Microsoft.Communication.${type}`, specversion: '1.0', time: new Date().toISOString(), data: { callConnectionId: call.id, serverCallId: call.serverCallId, ...data } }];
    const response = await fetch(`${host.url}/api/calls/callbacks${url.search}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await signer.jwt()}` },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
  }

  /** A call from the interview to its candidate, connected (CallConnected came back). */
  async function connectedCall() {
    const interview = await liveInterview();
    const started = await callApi(interview.interviewId, interview.staff.token, '', { json: { target: 'candidate' } });
    expect(started.status).toBe(201);
    const call = fakeCall(started.body.call_connection_id);
    await callback(call, 'CallConnected');
    return { ...interview, call };
  }

  const audits = (interviewId: string) =>
    host.db().prepare("select action from audit_log where entity_type = 'interview' and entity_id = ? order by action").all(interviewId).map((r) => (r as { action: string }).action);

  async function gridEvent(type: string, data: Record<string, unknown>, options: { id?: string; time?: Date } = {}) {
    const event = { id: options.id ?? randomUUID(), topic: '/subscriptions/0000/providers/Microsoft.Communication/CommunicationServices/talenti-acs', subject: 'call', eventType: `Microsoft.Communication.${type}`, eventTime: (options.time ?? new Date()).toISOString(), dataVersion: '1.0', metadataVersion: '1', data };
    const response = await fetch(`${host.url}/runtime/webhooks/eventgrid?functionName=acs-events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'aeg-event-type': 'Notification' },
      body: JSON.stringify([event]),
    });
    expect(response.status).toBe(200);
    return event.id;
  }

  it('calls the candidate’s own ACS identity, keeps the call in the database and moves it on callbacks', async () => {
    const { staff, interviewId, identity } = await liveInterview();
    const started = await callApi(interviewId, staff.token, '', { json: { target: 'candidate' } });
    expect(started.status).toBe(201);
    const call = fakeCall(started.body.call_connection_id);
    expect({ target: call.target, sourceCallerId: call.sourceCallerId }).toEqual({ target: identity, sourceCallerId: undefined });
    expect(started.body).toEqual({
      call_connection_id: call.id,
      state: 'connecting',
      play_state: null,
      participants: [{ id: expect.any(String), kind: 'acs_user', raw_id: identity, state: 'invited', muted: false }],
    });
    expect((await callApi(interviewId, staff.token, '', { json: { target: 'candidate' } })).status).toBe(409);

    await callback(call, 'CallConnected');
    await callback(call, 'AddParticipantSucceeded', { participant: { rawId: identity, kind: 'communicationUser', communicationUser: { id: identity } } });
    const read = await callApi(interviewId, staff.token, '', { method: 'GET' });
    expect(read.body).toMatchObject({ call_connection_id: call.id, state: 'connected', participants: [{ raw_id: identity, state: 'joined' }] });
    expect(audits(interviewId)).toEqual(['interview_call_started']);
    expect(acs.rejected).toBe(0);
  });

  it('calls an Australian number in E.164 from ACS_CALLER_NUMBER and refuses any other, placing nothing', async () => {
    const { staff, interviewId } = await liveInterview();
    const before = calls.calls.size;
    for (const phone_number of ['0412345678', '+14155550123', '+6141234567', '+61 412 345 678', '+610412345678']) {
      const refused = await callApi(interviewId, staff.token, '', { json: { target: 'phone', phone_number } });
      expect([phone_number, refused.status]).toEqual([phone_number, 400]);
    }
    expect(calls.calls.size).toBe(before);
    expect((await callApi(interviewId, staff.token, '', { method: 'GET' })).body).toEqual({ call_connection_id: null, state: null, play_state: null, participants: [] });

    const started = await callApi(interviewId, staff.token, '', { json: { target: 'phone', phone_number: '+61412345678' } });
    expect(started.status).toBe(201);
    const call = fakeCall(started.body.call_connection_id);
    expect({ target: call.target, sourceCallerId: call.sourceCallerId }).toEqual({ target: '4:+61412345678', sourceCallerId: CALLER_NUMBER });
    expect(started.body.participants).toEqual([{ id: expect.any(String), kind: 'phone', raw_id: '4:+61412345678', state: 'invited', muted: false }]);
  });

  it('plays bounded en-AU text-to-speech into the connected call and keeps how it went', async () => {
    const { staff, interviewId } = await liveInterview();
    const started = await callApi(interviewId, staff.token, '', { json: { target: 'candidate' } });
    const call = fakeCall(started.body.call_connection_id);
    expect((await callApi(interviewId, staff.token, '/play', { json: { text: 'Hello.' } })).status).toBe(409);
    await callback(call, 'CallConnected');

    for (const text of ['Ring\u0007', '', 'x'.repeat(1001)]) expect((await callApi(interviewId, staff.token, '/play', { json: { text } })).status).toBe(400);
    expect(call.plays).toEqual([]);
    const played = await callApi(interviewId, staff.token, '/play', { json: { text: 'Thanks for joining.\nYour interviewer will be with you shortly.' } });
    expect(played.status).toBe(200);
    expect(played.body.play_state).toBe('playing');
    expect(call.plays).toEqual([{ text: 'Thanks for joining.\nYour interviewer will be with you shortly.', locale: 'en-AU', voice: 'en-AU-NatashaNeural' }]);
    await callback(call, 'PlayCompleted');
    expect((await callApi(interviewId, staff.token, '', { method: 'GET' })).body.play_state).toBe('completed');
    expect(audits(interviewId)).toEqual(['interview_call_played', 'interview_call_started']);
  });

  it('adds, mutes and removes a participant, at ACS and in the database, each audited', async () => {
    const { staff, interviewId, call } = await connectedCall();
    const added = await callApi(interviewId, staff.token, '/participants', { json: { target: 'phone', phone_number: '+61398765432' } });
    expect(added.status).toBe(201);
    expect(call.added).toEqual(['4:+61398765432']);
    const phone = added.body.participants.find((p) => p.raw_id === '4:+61398765432');
    expect(phone).toEqual({ id: expect.any(String), kind: 'phone', raw_id: '4:+61398765432', state: 'invited', muted: false });
    expect((await callApi(interviewId, staff.token, '/participants', { json: { target: 'phone', phone_number: '+61398765432' } })).status).toBe(409);
    expect((await callApi(interviewId, staff.token, `/participants/${phone?.id}/mute`)).status).toBe(409);

    await callback(call, 'AddParticipantSucceeded', { participant: { rawId: '4:+61398765432', kind: 'phoneNumber', phoneNumber: { value: '+61398765432' } } });
    const muted = await callApi(interviewId, staff.token, `/participants/${phone?.id}/mute`);
    expect(muted.status).toBe(200);
    expect(muted.body.participants.find((p) => p.id === phone?.id)).toMatchObject({ state: 'joined', muted: true });
    expect(call.muted).toEqual(['4:+61398765432']);

    const removed = await callApi(interviewId, staff.token, `/participants/${phone?.id}`, { method: 'DELETE' });
    expect(removed.status).toBe(200);
    expect(removed.body.participants.find((p) => p.id === phone?.id)).toMatchObject({ state: 'removing' });
    expect(call.removed).toEqual(['4:+61398765432']);
    await callback(call, 'RemoveParticipantSucceeded', { participant: { rawId: '4:+61398765432' } });
    expect((await callApi(interviewId, staff.token, '', { method: 'GET' })).body.participants.find((p) => p.id === phone?.id)).toMatchObject({ state: 'removed' });
    expect((await callApi(interviewId, staff.token, `/participants/${randomUUID()}`, { method: 'DELETE' })).status).toBe(404);
    expect(audits(interviewId)).toEqual(['interview_call_participant_added', 'interview_call_participant_muted', 'interview_call_participant_removed', 'interview_call_started']);
  });

  it('invites a member of the interview’s organisation by their own ACS identity; anyone else is 404, a member without one 409', async () => {
    const { staff, interviewId, call } = await connectedCall();
    const organisationId = (host.db().prepare('select organisation_id from org_users where user_id = ?').get(staff.id) as { organisation_id: string }).organisation_id;
    const member = async (withIdentity: boolean) => {
      const user = await host.user('colleague');
      host.db().prepare("insert into org_users (id, user_id, organisation_id, role, created_at, version) values (?, ?, ?, 'recruiter', ?, 1)").run(randomUUID(), user.id, organisationId, new Date().toISOString());
      if (!withIdentity) return { ...user, identity: null };
      const issued = await host.call<{ user: { communicationUserId: string } }>('/api/acs-token-generator', { method: 'POST', token: user.token, json: {} });
      return { ...user, identity: issued.body.user.communicationUserId };
    };
    const colleague = await member(true);
    const invite = (userId: string) => callApi(interviewId, staff.token, '/participants', { json: { target: 'member', user_id: userId } });

    const added = await invite(colleague.id);
    expect(added.status).toBe(201);
    expect(added.body.participants.find((p) => p.raw_id === colleague.identity)).toEqual({ id: expect.any(String), kind: 'acs_user', raw_id: colleague.identity, state: 'invited', muted: false });
    expect(call.added).toEqual([colleague.identity]);
    expect((await invite(colleague.id)).status).toBe(409);

    // Someone with an ACS identity in another organisation, and no one at all: 404 alike, nothing invited at ACS.
    const outsider = await host.user('outsider');
    await host.call('/api/acs-token-generator', { method: 'POST', token: outsider.token, json: {} });
    for (const userId of [outsider.id, randomUUID()]) {
      const refused = await invite(userId);
      expect([refused.status, refused.headers.get('content-type')]).toEqual([404, expect.stringContaining('application/problem+json')]);
    }
    const withoutIdentity = await member(false);
    expect((await invite(withoutIdentity.id)).status).toBe(409);
    expect(call.added).toEqual([colleague.identity]);
    expect(host.db().prepare('select count(*) as n from call_participants where interview_id = ?').get(interviewId)).toEqual({ n: 2 });
    expect(audits(interviewId)).toEqual(['interview_call_participant_added', 'interview_call_started']);
  });

  it('answers staff of another organisation 404 and viewers 403, and changes nothing', async () => {
    const { interviewId, call } = await connectedCall();
    const stranger = await host.user('stranger');
    await host.call('/api/create-organisation', { method: 'POST', token: stranger.token, json: { name: `Org ${randomUUID().slice(0, 8)}` } });
    const viewer = await host.user('viewer');
    const { organisation_id } = host.db().prepare("select job_roles.organisation_id from interviews join applications on applications.id = interviews.application_id join job_roles on job_roles.id = applications.job_role_id where interviews.id = ?").get(interviewId) as { organisation_id: string };
    host.db().prepare("insert into org_users (id, user_id, organisation_id, role, created_at, version) values (?, ?, ?, 'viewer', ?, 1)").run(randomUUID(), viewer.id, organisation_id, new Date().toISOString());

    const attempts: Array<[string, { method?: string; json?: unknown }]> = [
      ['', { json: { target: 'candidate' } }],
      ['/hang-up', {}],
      ['/play', { json: { text: 'Hello.' } }],
      ['/participants', { json: { target: 'phone', phone_number: '+61412345678' } }],
    ];
    for (const [path, init] of attempts) {
      expect([path, (await callApi(interviewId, stranger.token, path, init)).status]).toEqual([path, 404]);
      expect([path, (await callApi(interviewId, viewer.token, path, init)).status]).toEqual([path, 403]);
    }
    expect((await callApi(interviewId, stranger.token, '', { method: 'GET' })).status).toBe(404);
    expect((await callApi(interviewId, viewer.token, '', { method: 'GET' })).body).toMatchObject({ call_connection_id: call.id, state: 'connected' });
    // The call still runs at ACS: nothing was hung up, played or added.
    expect({ state: call.state, plays: call.plays, added: call.added }).toEqual({ state: 'connecting', plays: [], added: [] });
    expect(audits(interviewId)).toEqual(['interview_call_started']);
  });

  it('is refused by Communication Services without the access key’s signature', async () => {
    const rejected = acs.rejected;
    const before = calls.calls.size;
    const response = await fetch(`${acs.url}calling/callConnections?api-version=2025-05-15`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ targets: [{ phoneNumber: { value: '+61412345678' } }], sourceCallerIdNumber: { value: CALLER_NUMBER }, callbackUri: `${CALLBACK_BASE_URL}/x` }),
    });
    expect(response.status).toBe(401);
    expect(acs.rejected).toBe(rejected + 1);
    expect(calls.calls.size).toBe(before);
  });

  it('answers an incoming call the interview expects, with the call’s own callback URL', async () => {
    const { interviewId, identity } = await liveInterview();
    const context = `incoming-${randomUUID()}`;
    await gridEvent('IncomingCall', { from: { rawId: identity, kind: 'communicationUser' }, to: { rawId: '28:acs:app', kind: 'unknown' }, serverCallId: `server-${randomUUID()}`, incomingCallContext: context, customContext: { voipHeaders: { 'Talenti-Interview-Id': interviewId } } });
    const answered = [...calls.calls.values()].filter((c) => c.incomingCallContext === context);
    expect(answered).toHaveLength(1);
    const row = host.db().prepare('select acs_call_connection_id, call_connection_state from interviews where id = ?').get(interviewId);
    expect(row).toEqual({ acs_call_connection_id: answered[0]?.id, call_connection_state: 'connecting' });
    await callback(fakeCall(answered[0]?.id ?? null), 'CallConnected');
    expect(host.db().prepare('select call_connection_state from interviews where id = ?').get(interviewId)).toEqual({ call_connection_state: 'connected' });
    expect(host.db().prepare('select raw_id, state from call_participants where interview_id = ?').all(interviewId)).toEqual([{ raw_id: identity, state: 'joined' }]);

    // The candidate hangs up: ACS reports the call disconnected, and no one is left in it.
    await callback(fakeCall(answered[0]?.id ?? null), 'CallDisconnected');
    expect(host.db().prepare('select call_connection_state from interviews where id = ?').get(interviewId)).toEqual({ call_connection_state: 'disconnected' });
    expect(host.db().prepare('select raw_id, state from call_participants where interview_id = ?').all(interviewId)).toEqual([{ raw_id: identity, state: 'removed' }]);
  });

  it('ignores and logs an incoming call the interview does not expect', async () => {
    const { interviewId, identity } = await liveInterview();
    const other = await liveInterview();
    const data = (from: string, headers: Record<string, string>) => ({ from: { rawId: from }, incomingCallContext: `incoming-${randomUUID()}`, customContext: { voipHeaders: headers } });
    const unexpected: Array<[string, Record<string, unknown>]> = [
      ['no header', data(identity, {})],
      ['another candidate calling', data(other.identity, { 'talenti-interview-id': interviewId })],
      ['an unknown interview', data(identity, { 'talenti-interview-id': randomUUID() })],
    ];
    const before = calls.calls.size;
    for (const [why, event] of unexpected) {
      const id = await gridEvent('IncomingCall', event);
      expect([why, host.db().prepare('select outcome from processed_events where event_id = ?').get(id)]).toEqual([why, { outcome: 'ignored' }]);
    }
    host.db().prepare('update interview_sessions set revoked_at = ? where interview_id = ?').run(new Date().toISOString(), interviewId);
    await gridEvent('IncomingCall', data(identity, { 'talenti-interview-id': interviewId }));
    expect(calls.calls.size).toBe(before);
    expect(host.db().prepare('select acs_call_connection_id from interviews where id = ?').get(interviewId)).toEqual({ acs_call_connection_id: null });
    expect(host.log()).toContain('incoming call ignored');
  });

  it('applies participant events once, and a late older event changes nothing', async () => {
    const { interviewId } = await liveInterview();
    const roomId = `room-${randomUUID()}`;
    host.db().prepare('update interviews set acs_room_id = ? where id = ?').run(roomId, interviewId);
    const rawId = `8:acs:${randomUUID()}`;
    const data = { user: { rawId, communicationUser: { id: rawId } }, serverCallId: `server-${randomUUID()}`, room: { id: roomId }, isRoomsCall: true };
    const t0 = new Date(Date.now() - 60_000);
    const participants = () => host.db().prepare('select raw_id, kind, state from call_participants where interview_id = ?').all(interviewId);

    const added = await gridEvent('ParticipantAdded', data, { time: t0 });
    await gridEvent('ParticipantAdded', data, { id: added, time: t0 });
    expect(participants()).toEqual([{ raw_id: rawId, kind: 'acs_user', state: 'joined' }]);
    const removed = await gridEvent('ParticipantRemoved', data, { time: new Date(t0.getTime() + 30_000) });
    await gridEvent('ParticipantAdded', data, { id: added, time: t0 });
    await gridEvent('ParticipantAdded', data, { time: new Date(t0.getTime() + 10_000) });
    await gridEvent('ParticipantRemoved', data, { id: removed, time: new Date(t0.getTime() + 30_000) });
    expect(participants()).toEqual([{ raw_id: rawId, kind: 'acs_user', state: 'removed' }]);
    expect(host.db().prepare('select count(*) as n from processed_events where event_id in (?, ?)').get(added, removed)).toEqual({ n: 2 });
  });

  /** A live interview whose rooms call started (CallStarted by room), then a call staff placed to the candidate. */
  async function staffCallBesideRoomCall() {
    const interview = await liveInterview();
    const roomId = `room-${randomUUID()}`;
    const roomCall = { serverCallId: `room-call-${randomUUID()}`, room: { id: roomId }, isRoomsCall: true };
    host.db().prepare('update interviews set acs_room_id = ? where id = ?').run(roomId, interview.interviewId);
    await gridEvent('CallStarted', roomCall);
    const started = await callApi(interview.interviewId, interview.staff.token, '', { json: { target: 'candidate' } });
    expect(started.status).toBe(201);
    const call = fakeCall(started.body.call_connection_id);
    return { ...interview, roomCall, call, staffCall: { serverCallId: call.serverCallId } };
  }

  const callRow = (interviewId: string) =>
    host.db().prepare('select acs_server_call_id, acs_call_server_call_id, call_state, call_connection_state from interviews where id = ?').get(interviewId) as Record<string, string | null>;
  const participantStates = (interviewId: string) => host.db().prepare('select raw_id, state from call_participants where interview_id = ? order by raw_id').all(interviewId);

  it('matches Event Grid events of a staff call on an interview whose rooms call came first, each call moving only itself', async () => {
    const { interviewId, identity, roomCall, call, staffCall } = await staffCallBesideRoomCall();
    expect(callRow(interviewId)).toEqual({ acs_server_call_id: roomCall.serverCallId, acs_call_server_call_id: call.serverCallId, call_state: 'started', call_connection_state: 'connecting' });

    // CallStarted of the staff call connects it without any callback; the rooms call's state is its own.
    await gridEvent('CallStarted', staffCall);
    expect(callRow(interviewId)).toMatchObject({ call_state: 'started', call_connection_state: 'connected' });
    const colleague = `8:acs:${randomUUID()}`;
    await gridEvent('ParticipantAdded', { user: { rawId: colleague }, ...staffCall });
    // Someone joining the rooms call is not in the staff call.
    await gridEvent('ParticipantAdded', { user: { rawId: `8:acs:${randomUUID()}` }, ...roomCall });
    expect(participantStates(interviewId)).toEqual([colleague, identity].sort().map((raw_id) => ({ raw_id, state: raw_id === colleague ? 'joined' : 'invited' })));

    // The rooms call ending leaves the staff call connected; the staff call ending leaves no one in it.
    await gridEvent('CallEnded', roomCall);
    expect(callRow(interviewId)).toMatchObject({ call_state: 'ended_early', call_connection_state: 'connected' });
    const ended = await gridEvent('CallEnded', staffCall);
    expect(callRow(interviewId)).toMatchObject({ call_state: 'ended_early', call_connection_state: 'disconnected' });
    expect(participantStates(interviewId)).toEqual([colleague, identity].sort().map((raw_id) => ({ raw_id, state: 'removed' })));
    expect(host.db().prepare('select outcome from processed_events where event_id = ?').get(ended)).toEqual({ outcome: 'processed' });
  });

  it('applies CallEnded of a staff call that comes before its CallStarted, and a duplicate of either changes nothing', async () => {
    const { staff, interviewId, call, staffCall } = await staffCallBesideRoomCall();
    const t0 = new Date(Date.now() - 60_000);
    const ended = await gridEvent('CallEnded', staffCall, { time: new Date(t0.getTime() + 30_000) });
    expect(callRow(interviewId).call_connection_state).toBe('disconnected');
    const started = await gridEvent('CallStarted', staffCall, { time: t0 });
    await callback(call, 'CallConnected');
    expect(callRow(interviewId)).toMatchObject({ call_state: 'started', call_connection_state: 'disconnected' });

    // Staff place the next call; Event Grid delivers the first call's events again: they are applied once only.
    const next = await callApi(interviewId, staff.token, '', { json: { target: 'candidate' } });
    expect(next.status).toBe(201);
    await gridEvent('CallStarted', staffCall, { id: started, time: t0 });
    await gridEvent('CallEnded', staffCall, { id: ended, time: new Date(t0.getTime() + 30_000) });
    // A late event of the first call, never seen before, does not move the next one either.
    await gridEvent('CallStarted', staffCall);
    expect(callRow(interviewId)).toMatchObject({ acs_call_server_call_id: fakeCall(next.body.call_connection_id).serverCallId, call_connection_state: 'connecting' });
    expect(host.db().prepare('select count(*) as n from processed_events where event_id in (?, ?)').get(started, ended)).toEqual({ n: 2 });
  });

  it('keeps the server call id a staff call is given when it connects, so its events find it', async () => {
    const { interviewId, call, staffCall } = await staffCallBesideRoomCall();
    // ACS may place a call before it names the server call: as if the answer to placing it had none.
    host.db().prepare('update interviews set acs_call_server_call_id = null where id = ?').run(interviewId);
    await gridEvent('CallStarted', staffCall);
    expect(callRow(interviewId).call_connection_state).toBe('connecting');
    await callback(call, 'CallConnected');
    expect(callRow(interviewId)).toMatchObject({ acs_call_server_call_id: call.serverCallId, call_connection_state: 'connected' });
    await gridEvent('CallEnded', staffCall);
    expect(callRow(interviewId).call_connection_state).toBe('disconnected');
  });

  // Restarts the host: keep it last.
  it('hangs up at ACS and in the database, and the call’s state survives a host restart', async () => {
    const { staff, interviewId, call, identity } = await connectedCall();
    const hungUp = await callApi(interviewId, staff.token, '/hang-up');
    expect(hungUp.status).toBe(200);
    expect(hungUp.body).toMatchObject({ call_connection_id: call.id, state: 'disconnected' });
    expect(call.state).toBe('disconnected');
    expect((await callApi(interviewId, staff.token, '/hang-up')).status).toBe(409);

    await host.restart();
    const read = await callApi(interviewId, staff.token, '', { method: 'GET' });
    expect(read.body).toEqual({ call_connection_id: call.id, state: 'disconnected', play_state: null, participants: [{ id: expect.any(String), kind: 'acs_user', raw_id: identity, state: 'removed', muted: false }] });
    expect(audits(interviewId)).toEqual(['interview_call_hung_up', 'interview_call_started']);
  }, 120_000);
});

describe('call control without a caller number', () => {
  let acs: FakeAcsIdentityServer;
  let calls: FakeCallAutomation;
  let host: TokenHost;

  beforeAll(async () => {
    calls = fakeCallAutomation();
    acs = await startFakeAcsIdentityServer([calls.api]);
    host = await startTokenHost({ ACS_CONNECTION_STRING: acs.connectionString, CALLBACK_BASE_URL });
  }, 120_000);

  afterAll(async () => {
    await host?.stop();
    await acs?.close();
  });

  it('answers a phone call 503 naming ACS_CALLER_NUMBER and places nothing', async () => {
    const staff = await host.user('staff');
    const candidate = await host.user('candidate');
    const { interviewId } = await host.session(candidate.id, staff.token);
    const refused = await host.call<{ detail: string }>(`/api/interviews/${interviewId}/call`, { method: 'POST', token: staff.token, json: { target: 'phone', phone_number: '+61412345678' } });
    expect(refused.status).toBe(503);
    expect(refused.body.detail).toContain('ACS_CALLER_NUMBER');
    expect(calls.calls.size).toBe(0);
  });
});
