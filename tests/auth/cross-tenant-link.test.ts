import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { signDevToken, type DevKeys } from '../../shared/auth/dev-issuer';
import { devIssuerFor } from '../../shared/config/settings';
import { chooseOrganisationAccount } from '../support/api';
import { freePort, startHostProcess, type HostProcess } from '../support/processes';

/**
 * Staff sign in with the workforce tenant, candidates with External ID: two trusted issuers. Two hosts on one
 * database stand in for them (each serves its own dev issuer; both trust both), and every request goes to the first.
 */
let hosts: HostProcess[] = [];
let dataDir: string;
let ports: number[];
let db: Database.Database;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'talenti-tenants-'));
  ports = [await freePort(), await freePort()];
  const common = { DATA_DIR: dataDir, AZURITE_BLOB_PORT: String(await freePort()), AUTH_ISSUERS: JSON.stringify(ports.map((port) => devIssuerFor(port))) };
  hosts = [await startHostProcess({ ...common, LOCAL_HOST_PORT: String(ports[0]) }, join(dataDir, 'workforce.log'))];
  hosts.push(await startHostProcess({ ...common, LOCAL_HOST_PORT: String(ports[1]) }, join(dataDir, 'external-id.log')));
  db = new Database(join(dataDir, 'talenti.sqlite'), { readonly: true });
}, 180_000);

afterAll(async () => {
  db?.close();
  await Promise.all(hosts.map((host) => host.stop()));
}, 30_000);

type Me = { user: { id: string; email: string | null }; memberships: Array<{ organisation_name: string }> };

async function signIn(tenant: 0 | 1, email: string, options: { emailVerified?: boolean; objectId?: string } = {}) {
  const keys = JSON.parse(readFileSync(join(dataDir, 'dev-issuer', 'signing-key.json'), 'utf8')) as DevKeys;
  const token = await signDevToken(keys, devIssuerFor(ports[tenant] as number), { email, objectId: options.objectId ?? randomUUID(), emailVerified: options.emailVerified });
  const url = (hosts[0] as HostProcess).url;
  const response = await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
  return { token, status: response.status, body: (await response.json()) as Me & { detail?: string } };
}

describe('one person signing in with both tenants', () => {
  it('reaches one account when both sign-ins carry the same verified email, in any case, and the link is audited', async () => {
    const email = `both-${randomUUID().slice(0, 8)}@example.com`;
    const staff = await signIn(0, email);
    await chooseOrganisationAccount(staff.token, (hosts[0] as HostProcess).url);
    const created = await fetch(`${(hosts[0] as HostProcess).url}/api/create-organisation`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Two Tenants Pty Ltd' }),
    });
    expect(created.status).toBe(201);

    const candidate = await signIn(1, email.toUpperCase());
    expect(candidate.status).toBe(200);
    expect(candidate.body.user.id).toBe(staff.body.user.id);
    expect(candidate.body.memberships.map((m) => m.organisation_name)).toEqual(['Two Tenants Pty Ltd']);
    expect(db.prepare(`select count(*) as n from audit_log where action = 'sign_in_linked' and user_id = ?`).get(staff.body.user.id)).toEqual({ n: 1 });
    expect(db.prepare('select count(*) as n from users where id = ?').get(staff.body.user.id)).toEqual({ n: 1 });
  });

  it('keeps them apart when the second email is not verified', async () => {
    const email = `unverified-${randomUUID().slice(0, 8)}@example.com`;
    const staff = await signIn(0, email);
    const candidate = await signIn(1, email, { emailVerified: false });
    expect(candidate.status).toBe(200);
    expect(candidate.body.user.id).not.toBe(staff.body.user.id);
    expect(candidate.body.user.email).toBeNull();
  });

  it('never links two sign-ins of the same tenant by email (a recycled address is someone else)', async () => {
    const email = `recycled-${randomUUID().slice(0, 8)}@example.com`;
    const before = await signIn(0, email);
    const after = await signIn(0, email);
    expect(after.body.user.id).not.toBe(before.body.user.id);
  });

  it('refuses a sign-in that several accounts of the other tenant could be, and stores nothing', async () => {
    const email = `ambiguous-${randomUUID().slice(0, 8)}@example.com`;
    await signIn(0, email);
    await signIn(0, email);
    const candidate = await signIn(1, email);
    expect(candidate.status).toBe(409);
    expect(candidate.body.detail).toMatch(/ask support to link/);
    expect(db.prepare('select count(*) as n from users where email = ?').get(email)).toEqual({ n: 2 });
    expect(db.prepare('select count(*) as n from user_identities i join users u on u.id = i.user_id where u.email = ?').get(email)).toEqual({ n: 0 });
  });
});
