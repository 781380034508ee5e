import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { signDevToken, type DevKeys } from '../../shared/auth/dev-issuer';
import { devIssuerFor } from '../../shared/config/settings';
import { startAzurite, type AzuriteProcess } from '../../scripts/local-host/azurite';
import { resumePdf } from '../support/documents';
import { freePort, startHostProcess, type HostProcess } from '../support/processes';
import { postResume } from './resume-helpers';

/**
 * Blob storage unreachable: a host of its own whose blob Azurite is started here (the host reuses it), then
 * stopped once the host is up, so the blob endpoint is a closed port. Uploads must answer 503 and store nothing.
 */
let azurite: AzuriteProcess;
let host: HostProcess;
let db: Database.Database;
let token: string;
let userId: string;

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'talenti-blob-down-'));
  const port = await freePort();
  const blobPort = await freePort();
  azurite = await startAzurite({ service: 'blob', port: blobPort, location: join(dataDir, 'azurite-here') });
  host = await startHostProcess({ DATA_DIR: dataDir, LOCAL_HOST_PORT: String(port), AZURITE_BLOB_PORT: String(blobPort) }, join(dataDir, 'host.log'));
  const keys = JSON.parse(readFileSync(join(dataDir, 'dev-issuer', 'signing-key.json'), 'utf8')) as DevKeys;
  token = await signDevToken(keys, devIssuerFor(port), { email: `blob-down-${randomUUID()}@example.com` });
  const me = (await (await fetch(`${host.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as { user: { id: string } };
  userId = me.user.id;
  db = new Database(join(dataDir, 'talenti.sqlite'), { readonly: true });
  await azurite.stop();
}, 120_000);

afterAll(async () => {
  db?.close();
  await azurite?.stop();
  await host?.stop();
}, 30_000);

describe('POST /api/parse-resume with Blob storage unreachable', () => {
  it('answers 503 problem+json naming Blob storage, with Retry-After, and stores nothing', async () => {
    const response = await postResume<{ status: number; detail: string }>(token, { file: await resumePdf(), contentType: 'application/pdf' }, { url: host.url });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(response.body.detail).toMatch(/Blob storage/);
    expect(db.prepare('select count(*) as n from candidate_profiles where user_id = ?').get(userId)).toEqual({ n: 0 });
    expect(db.prepare('select count(*) as n from candidate_skills where user_id = ?').get(userId)).toEqual({ n: 0 });
  });

  it('the host still stops cleanly with its blob endpoint dead', async () => {
    await host.stop();
    expect(host.child.exitCode).toBe(0);
  }, 30_000);
});
