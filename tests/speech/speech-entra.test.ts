import { startFakeManagedIdentity, startFakeSpeechServer, type FakeManagedIdentity, type FakeSpeechServer } from '../support/fakes/speech';
import { startTokenHost, type TokenHost } from '../support/token-host';

const RESOURCE_ID = '/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/talenti/providers/Microsoft.CognitiveServices/accounts/talenti-speech';
const CLIENT_ID = '11111111-2222-4333-8444-555555555555';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Without a Speech key: Microsoft Entra ID through the managed identity. @azure/identity's real
 * ManagedIdentityCredential asks a fake of the App Service identity endpoint (IDENTITY_ENDPOINT, as on Azure
 * Functions) for a token; the browser gets `aad#<resource id>#<token>`, and the relay is fetched with it as bearer.
 */
describe('speech tokens with Microsoft Entra ID', () => {
  let identity: FakeManagedIdentity;
  let fake: FakeSpeechServer;
  let host: TokenHost;
  let staff: { id: string; token: string };

  beforeAll(async () => {
    identity = await startFakeManagedIdentity();
    fake = await startFakeSpeechServer({ keys: {}, resourceIds: { [RESOURCE_ID]: 'australiaeast' }, acceptEntraToken: (token) => identity.issued.includes(token) });
    host = await startTokenHost({
      SPEECH_RESOURCE_ID: RESOURCE_ID,
      SPEECH_ENDPOINT: fake.url,
      SPEECH_MANAGED_IDENTITY_CLIENT_ID: CLIENT_ID,
      IDENTITY_ENDPOINT: identity.url,
      IDENTITY_HEADER: identity.header,
      // The default limits (the suite's host raises them).
      RATE_LIMITS: '{}',
    });
    staff = await host.user('staff');
  }, 90_000);

  afterAll(async () => {
    await host?.stop();
    await fake?.close();
    await identity?.close();
  });

  it('answers aad#<resource id>#<Entra token> for the speech resource, one identity call for a burst', async () => {
    const burst = await Promise.all(Array.from({ length: 10 }, () => host.call<{ token: string; region: string; expiresIn: number }>('/api/azure-speech-token', { method: 'POST', token: staff.token })));
    expect(burst.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(identity.requests).toEqual([{ resource: 'https://cognitiveservices.azure.com', clientId: CLIENT_ID }]);
    const body = burst[0]?.body;
    expect(body).toEqual({ token: `aad#${RESOURCE_ID}#${identity.issued[0]}`, region: 'australiaeast', expiresIn: expect.any(Number) });
    expect(body?.expiresIn).toBeGreaterThan(3500);
    expect(body?.expiresIn).toBeLessThanOrEqual(3600);
    expect(fake.count('sts')).toBe(0);
  });

  it('fetches the avatar relay with the Entra token as bearer (same resource and region)', async () => {
    const response = await host.call<{ urls: string[] }>('/api/avatar-relay-token', { token: staff.token });
    expect(response.status).toBe(200);
    expect(response.body.urls).toEqual(['turn:relay.australiaeast.example:3478', 'turns:relay.australiaeast.example:443?transport=tcp']);
    expect(fake.count('relay', 'australiaeast')).toBe(1);
    expect(identity.requests).toHaveLength(1);
  });

  it('answers 503 naming the missing setting when Communication Services is not configured', async () => {
    const response = await host.call('/api/acs-token-generator', { method: 'POST', token: staff.token, json: { scopes: ['voip'] } });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    expect((response.body as { detail: string }).detail).toMatch(/ACS_ENDPOINT.*ACS_CONNECTION_STRING/);
    expect(response.headers.get('retry-after')).toBeNull();
  });

  it('limits azure-speech-token to 15 calls a minute per user, as the original did', async () => {
    // Fixed one-minute windows: start early in one so every call counts in the same window.
    if (new Date().getUTCSeconds() > 50) await sleep((61 - new Date().getUTCSeconds()) * 1000);
    const chatty = await host.user('chatty');
    const statuses: number[] = [];
    for (let i = 0; i < 16; i += 1) statuses.push((await host.call('/api/azure-speech-token', { method: 'POST', token: chatty.token })).status);
    expect(statuses).toEqual([...Array(15).fill(200), 429]);
    const limited = await host.call('/api/azure-speech-token', { method: 'POST', token: chatty.token });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await host.call('/api/azure-speech-token', { method: 'POST', token: staff.token })).status).toBe(200);
  }, 30_000);
});
