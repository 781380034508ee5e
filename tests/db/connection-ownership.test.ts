import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HELD_CONNECTION_MESSAGE } from '../../shared/app-services';
import { signDevToken, type DevKeys } from '../../shared/auth/dev-issuer';
import { devIssuerFor } from '../../shared/config/settings';
import { watchHeldConnections, type HeldConnectionViolation } from '../../shared/db/connection-guard';
import { openDatabase } from '../../shared/db/database';
import { PoolExhaustedError } from '../../shared/db/pool-gate';
import { startFakeModelServer, type FakeModelServer } from '../support/fakes/model-server';
import { freePort, startHostProcess, type HostProcess } from '../support/processes';
import { chooseOrganisationAccount } from '../support/api';

/**
 * The connection rule (docs/database.md): a use-case holds a pooled connection only for short units of work,
 * never while it waits on a model or any other network call. Locally SQLite is a pool of one connection, so a
 * request that held it across a slow model call would make every other request time out waiting.
 */
const MODEL_DELAY_MS = 3000;
const ACQUIRE_TIMEOUT_SECONDS = 2;
const DESCRIPTION = 'We are hiring a Senior Backend Engineer. Build REST APIs in TypeScript on Azure; 5+ years with Node.js and SQL.';
const REQUIREMENTS = { skills: ['TypeScript'], experience: [], qualifications: [], responsibilities: [], interviewQuestions: ['a?', 'b?', 'c?', 'd?', 'e?'] };

describe('connection ownership', () => {
  let fake: FakeModelServer;
  let host: HostProcess;
  let logFile: string;
  let token: string;

  beforeAll(async () => {
    fake = await startFakeModelServer();
    fake.setDefault(() => ({ type: 'json', value: REQUIREMENTS, delayMs: MODEL_DELAY_MS }));
    const dataDir = mkdtempSync(join(tmpdir(), 'talenti-pool-'));
    const port = await freePort();
    logFile = join(dataDir, 'host.log');
    host = await startHostProcess(
      {
        DATA_DIR: dataDir,
        LOCAL_HOST_PORT: String(port),
        AZURITE_BLOB_PORT: String(await freePort()),
        AI_PROVIDER: 'openai-compatible',
        OPENAI_COMPATIBLE_BASE_URL: `${fake.url}/v1`,
        AI_MODEL: 'slow-model',
        SQL_POOL_MAX: '1',
        LOG_LEVEL: 'info',
        SQL_POOL_ACQUIRE_TIMEOUT_SECONDS: String(ACQUIRE_TIMEOUT_SECONDS),
        RATE_LIMITS: JSON.stringify({ 'extract-requirements': { windowSeconds: 60, max: 1000 } }),
      },
      logFile,
    );
    const keys = JSON.parse(readFileSync(join(dataDir, 'dev-issuer', 'signing-key.json'), 'utf8')) as DevKeys;
    token = await signDevToken(keys, devIssuerFor(port), { email: 'pool-admin@example.com' });
    await chooseOrganisationAccount(token, host.url);
    const created = await fetch(`${host.url}/api/create-organisation`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Pool Org' }) });
    expect(created.status).toBe(201);
  }, 90_000);

  afterAll(async () => {
    await host.stop();
    await fake.close();
  });

  it('serves SQL_POOL_MAX + 5 concurrent AI requests with a slow model, each waiting on the model at the same time', async () => {
    const poolMax = 1;
    const responses = await Promise.all(
      Array.from({ length: poolMax + 5 }, () =>
        fetch(`${host.url}/api/extract-requirements`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ jobDescription: DESCRIPTION }),
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(poolMax + 5).fill(200));
    // Every model call was in flight at once: none waited for another request's connection.
    const arrivals = fake.requests.slice(-(poolMax + 5)).map((r) => r.at);
    expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(MODEL_DELAY_MS);
  }, 60_000);

  it('never calls the model, or anything else on the network, while a connection is checked out', () => {
    const log = readFileSync(logFile, 'utf8');
    expect(log).toContain('request completed');
    expect(log).not.toContain(HELD_CONNECTION_MESSAGE);
  });
});

describe('the connection guard and the pool gate (negative controls)', () => {
  const database = openDatabase({ provider: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'talenti-guard-')), 'db.sqlite'), acquireTimeoutMs: 300 });
  const server = createServer((_req, res) => res.end('ok'));
  const violations: HeldConnectionViolation[] = [];
  let url = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    watchHeldConnections((violation) => violations.push(violation));
  });
  afterAll(async () => {
    server.close();
    await database.close();
  });

  it('reports a network call made inside a scope, and not one made between scopes', async () => {
    violations.length = 0;
    await fetch(url).then((r) => r.text());
    expect(violations).toEqual([]);
    await database.scopes.user('0b5f4ad6-3c02-4a43-9a3e-2d3e3a1f0c11').run(async () => {
      await fetch(url).then((r) => r.text());
    });
    expect(violations).toEqual([expect.objectContaining({ scope: 'user' })]);
  });

  it('fails a unit of work that waits for a connection past the acquire timeout (a scope held too long)', async () => {
    let release: () => void = () => undefined;
    const holding = database.scopes.system.run(() => new Promise<void>((resolve) => (release = resolve)));
    await expect(database.scopes.system.run(async () => 'never')).rejects.toBeInstanceOf(PoolExhaustedError);
    expect(database.pool).toMatchObject({ max: 1, checkedOut: 1 });
    release();
    await holding;
    expect(database.pool.checkedOut).toBe(0);
  });
});
