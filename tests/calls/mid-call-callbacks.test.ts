import { randomUUID } from 'node:crypto';
import { startFakeCallbackSigner, type FakeCallbackSigner } from '../support/fakes/acs-callback-signer';
import { fakeCallAutomation, type FakeCallAutomation } from '../../scripts/local-host/fakes/acs-call-automation';
import { startFakeAcsIdentityServer, type FakeAcsIdentityServer } from '../../scripts/local-host/fakes/acs-identity';
import { startTokenHost, type TokenHost } from '../support/token-host';

const RESOURCE_ID = randomUUID();

describe('mid-call callbacks (POST /api/calls/callbacks)', () => {
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
      CALLBACK_BASE_URL: 'https://talenti.example.com',
    });
  }, 120_000);

  afterAll(async () => {
    await host?.stop();
    await acs?.close();
    await signer?.close();
  });

  const acsJwt = (options?: Parameters<FakeCallbackSigner['jwt']>[0]) => signer.jwt(options);

  /** An interview whose call is being recorded, started through CallStarted; returns the callback URL ACS was given. */
  async function recordedCall() {
    const staff = await host.user('staff');
    const candidate = await host.user('candidate');
    const { interviewId } = await host.session(candidate.id, staff.token);
    const roomId = `room-${randomUUID()}`;
    const serverCallId = `server-call-${randomUUID()}`;
    const now = new Date().toISOString();
    host.db().prepare('update interviews set acs_room_id = ? where id = ?').run(roomId, interviewId);
    host.db().prepare("insert into consents (id, interview_id, kind, policy_version, granted_at) values (?, ?, 'recording', 'v1', ?)").run(randomUUID(), interviewId, now);
    const event = { id: randomUUID(), subject: `room/${roomId}`, eventType: 'Microsoft.Communication.CallStarted', eventTime: now, data: { serverCallId, room: { id: roomId } } };
    await fetch(`${host.url}/runtime/webhooks/eventgrid?functionName=acs-events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([event]) });
    const start = calls.starts.find((s) => s.serverCallId === serverCallId);
    const callbackUri = new URL(start?.callbackUri ?? 'https://missing.invalid/');
    expect(callbackUri.origin + callbackUri.pathname).toBe('https://talenti.example.com/api/calls/callbacks');
    return { interviewId, recordingId: start?.recordingId ?? '', token: callbackUri.searchParams.get('token') ?? '' };
  }

  const stateChanged = (recordingId: string, state: string) => [
    { id: randomUUID(), source: 'calling/recordings', type: 'Microsoft.Communication.RecordingStateChanged', specversion: '1.0', time: new Date().toISOString(), data: { recordingId, state } },
  ];
  const post = (token: string | null, jwt: string | null, body: unknown) =>
    fetch(`${host.url}/api/calls/callbacks${token === null ? '' : `?token=${encodeURIComponent(token)}`}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(jwt ? { authorization: `Bearer ${jwt}` } : {}) },
      body: JSON.stringify(body),
    });
  const state = (interviewId: string) => (host.db().prepare('select recording_state from interviews where id = ?').get(interviewId) as { recording_state: string | null }).recording_state;

  it('applies a callback signed by ACS for our resource that carries the call’s own token', async () => {
    const call = await recordedCall();
    const response = await post(call.token, await acsJwt(), stateChanged(call.recordingId, 'inactive'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ applied: 1 });
    expect(state(call.interviewId)).toBe('paused');
  });

  it('refuses unsigned, expired, foreign or misdirected callbacks with 401 and changes nothing', async () => {
    const call = await recordedCall();
    const other = await recordedCall();
    const body = stateChanged(call.recordingId, 'inactive');
    const refused: Array<[string, string | null, string | null]> = [
      ['no JWT', call.token, null],
      ['an expired JWT', call.token, await acsJwt({ expiresAt: Math.floor(Date.now() / 1000) - 3600 })],
      ['a JWT signed by another key', call.token, await acsJwt({ key: signer.foreignKey })],
      ['a JWT for another ACS resource', call.token, await acsJwt({ audience: randomUUID() })],
      ['no callback token', null, await acsJwt()],
      ['an altered callback token', `${call.token.slice(0, -4)}AAAA`, await acsJwt()],
      ['another call’s token', other.token, await acsJwt()],
    ];
    for (const [why, token, jwt] of refused) {
      const response = await post(token, jwt, why === 'another call’s token' ? stateChanged(call.recordingId, 'inactive') : body);
      expect([why, response.status]).toEqual([why, why === 'another call’s token' ? 200 : 401]);
    }
    // Another call's token names another interview: the recording of this one is not found there.
    expect(state(call.interviewId)).toBe('active');
    expect(state(other.interviewId)).toBe('active');
  });
});
