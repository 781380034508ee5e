import { startFakeSpeechServer, type FakeSpeechServer } from '../support/fakes/speech';
import { startTokenHost, type TokenHost } from '../support/token-host';

const SPEECH_KEY = 'speech-key-4f1c9a7e-must-never-leak';
const AVATAR_KEY = 'avatar-key-b83d2e61-must-never-leak';

interface SpeechToken {
  token: string;
  region: string;
  expiresIn: number;
}

function claimsOf(token: string): { region: string; exp: number; jti: string } {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { region: string; exp: number; jti: string };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * azure-speech-token and avatar-relay-token with Speech keys, against a fake STS and relay endpoint: the main
 * resource in Australia East, the avatar's in Southeast Asia with its own key. Tests run in order: the host's
 * token cache carries over from one to the next, as it would between requests.
 */
describe('speech tokens with keys', () => {
  let fake: FakeSpeechServer;
  let host: TokenHost;
  let staff: { id: string; token: string };
  const responses: string[] = [];

  const speechToken = async (token: string, path = '/api/azure-speech-token', method = 'POST') => {
    const response = await host.call<SpeechToken>(path, { method, token });
    responses.push(response.text);
    return response;
  };

  beforeAll(async () => {
    fake = await startFakeSpeechServer({ keys: { [SPEECH_KEY]: 'australiaeast', [AVATAR_KEY]: 'southeastasia' } });
    host = await startTokenHost({
      SPEECH_REGION: 'australiaeast',
      SPEECH_KEY,
      SPEECH_ENDPOINT: fake.url,
      AVATAR_SPEECH_REGION: 'southeastasia',
      AVATAR_SPEECH_KEY: AVATAR_KEY,
      AVATAR_SPEECH_ENDPOINT: fake.url,
    });
    staff = await host.user('staff');
  }, 90_000);

  afterAll(async () => {
    await host?.stop();
    await fake?.close();
  });

  it('answers 401 without a token, before any upstream call', async () => {
    const response = await host.call('/api/azure-speech-token', { method: 'POST' });
    expect(response.status).toBe(401);
    expect(fake.calls).toHaveLength(0);
  });

  it('turns an STS 401 into a 502 problem that carries neither the key nor the upstream body, and caches nothing', async () => {
    fake.failNext('sts', 401);
    const response = await speechToken(staff.token);
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    expect(response.text).toMatch(/status 401/);
    expect(response.text).not.toMatch(/scripted failure/);
    expect(fake.count('sts')).toBe(1);
  });

  it('turns an STS 500 into a 503 problem with Retry-After', async () => {
    fake.failNext('sts', 500);
    const response = await speechToken(staff.token);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(response.text).not.toMatch(/scripted failure/);
    expect(fake.count('sts')).toBe(2);
  });

  it('makes one STS call for 20 concurrent requests, and refreshes a token a minute before it expires', async () => {
    const before = fake.count('sts');
    fake.setTokenLifetimeSeconds(66);
    fake.setDelayMs(200);
    const burst = await Promise.all(Array.from({ length: 20 }, () => speechToken(staff.token)));
    const answeredAt = Date.now();
    fake.setDelayMs(0);
    expect(burst.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(fake.count('sts') - before).toBe(1);
    const first = burst[0]?.body as SpeechToken;
    expect(new Set(burst.map((r) => (r.body as SpeechToken).token)).size).toBe(1);
    expect(first).toEqual({ token: expect.any(String), region: 'australiaeast', expiresIn: expect.any(Number) });
    expect(first.expiresIn).toBeGreaterThan(60);
    expect(first.expiresIn).toBeLessThanOrEqual(66);

    // Still more than a minute left: the cached one.
    const again = await speechToken(staff.token);
    expect((again.body as SpeechToken).token).toBe(first.token);
    expect(fake.count('sts') - before).toBe(1);

    // Less than a minute left: a fresh one.
    fake.setTokenLifetimeSeconds(600);
    await sleep(answeredAt + (first.expiresIn + 1 - 60) * 1000 + 200 - Date.now());
    const refreshed = await speechToken(staff.token);
    expect(refreshed.status).toBe(200);
    expect((refreshed.body as SpeechToken).token).not.toBe(first.token);
    expect(fake.count('sts') - before).toBe(2);
  });

  it('answers expiresIn as 600 minus the age of the cached token, for GET too', async () => {
    const before = fake.count('sts');
    await sleep(1100);
    const response = await speechToken(staff.token, '/api/azure-speech-token', 'GET');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = response.body as SpeechToken;
    expect(body.expiresIn).toBeLessThan(600);
    expect(body.expiresIn).toBeGreaterThan(590);
    expect(Math.abs(claimsOf(body.token).exp - Math.floor(Date.now() / 1000) - body.expiresIn)).toBeLessThanOrEqual(1);
    expect(fake.count('sts')).toBe(before);
  });

  it("gives an interview session the same shared token, and refuses a session that ended", async () => {
    const candidate = await host.user('candidate');
    const session = await host.session(candidate.id, (await host.user('recruiter')).token);
    const staffToken = (await speechToken(staff.token)).body as SpeechToken;
    const response = await speechToken(session.token);
    expect(response.status).toBe(200);
    expect((response.body as SpeechToken).token).toBe(staffToken.token);
    host.db().prepare('update interview_sessions set revoked_at = ? where interview_id = ?').run(new Date().toISOString(), session.interviewId);
    expect((await speechToken(session.token)).status).toBe(401);
  });

  it("gives a token of the avatar's own resource and region with ?for=avatar", async () => {
    const response = await speechToken(staff.token, '/api/azure-speech-token?for=avatar');
    expect(response.status).toBe(200);
    const body = response.body as SpeechToken;
    expect(body.region).toBe('southeastasia');
    expect(claimsOf(body.token).region).toBe('southeastasia');
    expect(fake.count('sts', 'southeastasia')).toBe(1);
    expect((await speechToken(staff.token, '/api/azure-speech-token?for=nothing')).status).toBe(400);
  });

  it("normalises the avatar relay token from Azure's field names, TURN URLs only, from the avatar's region, cached", async () => {
    const response = await host.call<Record<string, unknown>>('/api/avatar-relay-token', { token: staff.token });
    responses.push(response.text);
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['credential', 'urls', 'username']);
    expect(response.body).toEqual({
      urls: ['turn:relay.southeastasia.example:3478', 'turns:relay.southeastasia.example:443?transport=tcp'],
      username: expect.stringMatching(/^relay-user-/),
      credential: expect.stringMatching(/^relay-password-/),
    });
    expect(response.text).not.toMatch(/stun:|Urls|Password/);
    const again = await host.call('/api/avatar-relay-token', { token: staff.token });
    expect(again.body).toEqual(response.body);
    expect(fake.count('relay', 'southeastasia')).toBe(1);
    expect(fake.count('relay')).toBe(1);
  });

  it('keeps the keys out of every response and of the host log', () => {
    const log = host.log();
    expect(log).toMatch(/speech service refused/);
    for (const text of [...responses, log]) {
      expect(text).not.toContain(SPEECH_KEY);
      expect(text).not.toContain(AVATAR_KEY);
    }
  });
});
