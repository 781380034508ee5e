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
 * Another writer holds the database past the host's busy timeout (what a long migration, a deadlock or Azure SQL
 * throttling looks like to a request): a write is a 503 with Retry-After naming the database, nothing of it is
 * stored, and the same request succeeds once the lock is gone. A host of its own: locking the shared test
 * database would stall every other suite.
 */
let host: HostProcess;
let db: Database.Database;
let token: string;
let organisationId: string;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'talenti-db-busy-'));
  const port = await freePort();
  host = await startHostProcess({ DATA_DIR: dataDir, LOCAL_HOST_PORT: String(port), AZURITE_BLOB_PORT: String(await freePort()) }, join(dataDir, 'host.log'));
  const keys = JSON.parse(readFileSync(join(dataDir, 'dev-issuer', 'signing-key.json'), 'utf8')) as DevKeys;
  token = await signDevToken(keys, devIssuerFor(port), { email: `db-busy-${randomUUID()}@example.com` });
  await chooseOrganisationAccount(token, host.url);
  const created = await fetch(`${host.url}/api/create-organisation`, { method: 'POST', headers: headers(), body: JSON.stringify({ name: 'Busy Database Pty Ltd' }) });
  organisationId = ((await created.json()) as { organisation: { id: string } }).organisation.id;
  db = new Database(join(dataDir, 'talenti.sqlite'));
}, 120_000);

afterAll(async () => {
  db?.close();
  await host?.stop();
}, 30_000);

function headers(): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
}

const createRole = (title: string) =>
  fetch(`${host.url}/api/organisations/${organisationId}/job-roles`, { method: 'POST', headers: headers(), body: JSON.stringify({ title }) });
const rolesTitled = (title: string) => db.prepare('select count(*) as n from job_roles where title = ?').get(title) as { n: number };

describe('a database locked by another writer', () => {
  it('answers a write 503 problem+json with Retry-After, stores nothing, and takes the same write once free', async () => {
    const title = `Locked out ${randomUUID()}`;
    db.exec('BEGIN IMMEDIATE');
    let refused: Response;
    try {
      refused = await createRole(title);
    } finally {
      db.exec('ROLLBACK');
    }
    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/database is busy/);
    expect(rolesTitled(title)).toEqual({ n: 0 });

    const retried = await createRole(title);
    expect(retried.status).toBe(201);
    expect(rolesTitled(title)).toEqual({ n: 1 });
  }, 60_000);

  it('logs it as a warning, not as an unhandled error', () => {
    const log = readFileSync(join(dataDir, 'host.log'), 'utf8');
    expect(log).toMatch(/database busy/);
    expect(log).not.toMatch(/unhandled error/);
  });
});
