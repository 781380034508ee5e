import { CommunicationIdentityClient } from '@azure/communication-identity';
import { randomBytes } from 'node:crypto';
import { startFakeAcsIdentityServer, type FakeAcsIdentityServer } from '../../scripts/local-host/fakes/acs-identity';

/** The fake is only worth something if it refuses what Azure would refuse: checked with the real SDK. */
describe('fake ACS identity endpoint', () => {
  let fake: FakeAcsIdentityServer;
  beforeAll(async () => {
    fake = await startFakeAcsIdentityServer();
  });
  afterAll(() => fake.close());

  const noRetries = { retryOptions: { maxRetries: 0 }, allowInsecureConnection: true };

  it('serves the SDK signed with the right access key', async () => {
    const client = new CommunicationIdentityClient(fake.connectionString, noRetries);
    const user = await client.createUser();
    expect(user.communicationUserId).toMatch(/^8:acs:/);
    const token = await client.getToken(user, ['voip'], { tokenExpiresInMinutes: 60 });
    expect(token.token).toMatch(/^acs-token-/);
    expect(token.expiresOn.getTime() - Date.now()).toBeGreaterThan(59 * 60_000);
    expect(fake.tokens.at(-1)).toEqual({ identity: user.communicationUserId, scopes: ['voip'], expiresInMinutes: 60 });
    await client.deleteUser(user);
    expect(fake.identities.has(user.communicationUserId)).toBe(false);
  });

  it('refuses a request signed with another key', async () => {
    const before = fake.rejected;
    const client = new CommunicationIdentityClient(fake.url, { key: randomBytes(64).toString('base64') }, noRetries);
    await expect(client.createUser()).rejects.toMatchObject({ statusCode: 401 });
    expect(fake.rejected).toBe(before + 1);
  });

  it('refuses an unsigned or tampered request', async () => {
    const before = fake.rejected;
    expect((await fetch(`${fake.url}identities?api-version=2023-10-01`, { method: 'POST', body: '{}' })).status).toBe(401);
    const client = new CommunicationIdentityClient(fake.connectionString, noRetries);
    const user = await client.createUser();
    // A signature for one body does not cover another.
    const signed = await captureSignedHeaders(fake.connectionString, user.communicationUserId);
    const tampered = await fetch(`${fake.url}identities/${encodeURIComponent(user.communicationUserId)}/:issueAccessToken?api-version=2023-10-01`, {
      method: 'POST',
      headers: { ...signed, 'content-type': 'application/json' },
      body: JSON.stringify({ scopes: ['chat'] }),
    });
    expect(tampered.status).toBe(401);
    expect(fake.rejected).toBe(before + 2);
  });
});

/** The headers the SDK signs for issuing a voip token, taken from its pipeline without sending the request. */
async function captureSignedHeaders(connectionString: string, identity: string): Promise<Record<string, string>> {
  let headers: Record<string, string> = {};
  const client = new CommunicationIdentityClient(connectionString, {
    retryOptions: { maxRetries: 0 },
    allowInsecureConnection: true,
    additionalPolicies: [
      {
        position: 'perRetry',
        policy: {
          name: 'capture',
          sendRequest: async (request) => {
            headers = Object.fromEntries([...request.headers].filter(([name]) => ['x-ms-date', 'x-ms-content-sha256', 'authorization'].includes(name)));
            throw new Error('captured');
          },
        },
      },
    ],
  });
  await client.getToken({ communicationUserId: identity }, ['voip']).catch(() => undefined);
  return headers;
}
