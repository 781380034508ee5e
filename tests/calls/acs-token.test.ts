import { startFakeAcsIdentityServer, type FakeAcsIdentityServer } from '../../scripts/local-host/fakes/acs-identity';
import { startTokenHost, type TokenHost } from '../support/token-host';

interface AcsToken {
  token: string;
  expiresOn: string;
  user: { communicationUserId: string };
}

/**
 * acs-token-generator with the real @azure/communication-identity client, signing with an access key, against a
 * fake ACS Identity endpoint that checks every signature.
 */
describe('POST /api/acs-token-generator', () => {
  let fake: FakeAcsIdentityServer;
  let host: TokenHost;
  const responses: string[] = [];

  const acsToken = async (token: string, json?: unknown) => {
    const response = await host.call<AcsToken>('/api/acs-token-generator', { method: 'POST', token, json });
    responses.push(response.text);
    return response;
  };
  const storedIdentities = (userId: string) =>
    host.db().prepare('select communication_user_id from acs_identities where user_id = ?').all(userId) as Array<{ communication_user_id: string }>;

  beforeAll(async () => {
    fake = await startFakeAcsIdentityServer();
    host = await startTokenHost({ ACS_CONNECTION_STRING: fake.connectionString });
  }, 90_000);

  afterAll(async () => {
    await host?.stop();
    await fake?.close();
  });

  it('makes one identity per user on the first call, keeps it, and issues an hour-long voip token by default', async () => {
    const staff = await host.user('staff');
    const first = await acsToken(staff.token);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.body).toEqual({ token: expect.stringMatching(/^acs-token-/), expiresOn: expect.any(String), user: { communicationUserId: expect.stringMatching(/^8:acs:/) } });
    const minutesLeft = (Date.parse(first.body.expiresOn) - Date.now()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(58);
    expect(minutesLeft).toBeLessThanOrEqual(60);
    expect(fake.tokens.at(-1)).toEqual({ identity: first.body.user.communicationUserId, scopes: ['voip'], expiresInMinutes: 60 });

    const createdBefore = fake.created;
    const second = await acsToken(staff.token, { scopes: ['voip', 'chat'], userId: 'an-application-id-the-old-client-sent' });
    expect(second.status).toBe(200);
    expect(second.body.user).toEqual(first.body.user);
    expect(second.body.token).not.toBe(first.body.token);
    expect(fake.created).toBe(createdBefore);
    expect(fake.tokens.at(-1)?.scopes).toEqual(['voip', 'chat']);
    expect(storedIdentities(staff.id)).toEqual([{ communication_user_id: first.body.user.communicationUserId }]);
  });

  it('records the new identity in the audit log, without personal data', async () => {
    const staff = await host.user('audited');
    const response = await acsToken(staff.token);
    await acsToken(staff.token);
    const rows = host.db().prepare(`select * from audit_log where action = 'acs_identity_created' and entity_id = ?`).all(staff.id) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user_id: staff.id, organisation_id: null, entity_type: 'acs_identity', new_values: null, old_values: null });
    expect(JSON.stringify(rows)).not.toContain(response.body.user.communicationUserId);
    expect(JSON.stringify(rows)).not.toContain('@example.com');
  });

  it('keeps one identity when first calls race, and deletes the extra ones at ACS', async () => {
    const staff = await host.user('racer');
    const [createdBefore, deletedBefore] = [fake.created, fake.deleted];
    fake.setCreateDelayMs(150);
    const burst = await Promise.all(Array.from({ length: 8 }, () => acsToken(staff.token)));
    fake.setCreateDelayMs(0);
    expect(burst.map((r) => r.status)).toEqual(Array(8).fill(200));
    const ids = new Set(burst.map((r) => r.body.user.communicationUserId));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    expect(storedIdentities(staff.id)).toEqual([{ communication_user_id: id }]);
    const madeHere = fake.created - createdBefore;
    expect(madeHere).toBeGreaterThan(1); // the race really happened
    expect(fake.deleted - deletedBefore).toBe(madeHere - 1);
    expect(fake.identities.has(id as string)).toBe(true);
    const audits = host.db().prepare(`select count(*) as n from audit_log where action = 'acs_identity_created' and entity_id = ?`).get(staff.id) as { n: number };
    expect(audits.n).toBe(1);
  });

  it("gives an interview session its candidate's identity", async () => {
    const candidate = await host.user('candidate');
    const own = await acsToken(candidate.token);
    const session = await host.session(candidate.id, (await host.user('recruiter')).token);
    const viaSession = await acsToken(session.token, { userId: 'ignored' });
    expect(viaSession.status).toBe(200);
    expect(viaSession.body.user).toEqual(own.body.user);

    const stranger = await host.user('stranger');
    const theirs = await acsToken(stranger.token);
    expect(theirs.body.user).not.toEqual(own.body.user);
  });

  it.each([
    [{ scopes: ['admin'] }, 'scopes'],
    [{ scopes: [] }, 'scopes'],
    [{ scopes: ['chat', 'voip'] }, 'scopes'],
    [{ scopes: 'voip' }, 'scopes'],
    [{ role: 'x' }, '(root)'],
  ])('refuses %j with 400 naming %s', async (json, path) => {
    const staff = await host.user('invalid');
    const response = await acsToken(staff.token, json);
    expect(response.status).toBe(400);
    expect((response.body as unknown as { errors: Array<{ path: string }> }).errors).toEqual([expect.objectContaining({ path })]);
    expect(storedIdentities(staff.id)).toEqual([]);
  });

  it('answers 401 without a token and creates nothing', async () => {
    const createdBefore = fake.created;
    const response = await host.call('/api/acs-token-generator', { method: 'POST', json: {} });
    expect(response.status).toBe(401);
    expect(fake.created).toBe(createdBefore);
  });

  it('turns ACS failures into problems: busy is 503 and stores nothing, a refusal is 502', async () => {
    const staff = await host.user('unlucky');
    fake.failNext(503, 503, 503);
    const busy = await acsToken(staff.token);
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('5');
    expect(busy.text).not.toMatch(/scripted/);
    expect(storedIdentities(staff.id)).toEqual([]);

    fake.failNext(403);
    const refused = await acsToken(staff.token);
    expect(refused.status).toBe(502);
    expect(refused.text).toMatch(/status 403/);

    const recovered = await acsToken(staff.token);
    expect(recovered.status).toBe(200);
  });

  it('keeps the access key out of every response and of the host log', () => {
    expect(fake.rejected).toBe(0);
    const log = host.log();
    expect(log).toMatch(/communication services call failed/);
    for (const text of [...responses, log]) {
      expect(text).not.toContain(fake.accessKey);
      expect(text).not.toContain(fake.connectionString);
    }
  });
});
