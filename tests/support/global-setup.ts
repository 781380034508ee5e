import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_RATE_LIMITS } from '../../shared/http/rate-limiter';
import { freePort, startHostProcess } from './processes';

/**
 * One local host for the whole suite, started through the same entry point as `npm start`: its own data
 * folder (SQLite file, dev-issuer keys), its own Azurite, free ports. Tests talk to it over real HTTP.
 */
export default async function globalSetup(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'talenti-test-'));
  const env = {
    DATA_DIR: dataDir,
    LOCAL_HOST_PORT: String(await freePort()),
    AZURITE_BLOB_PORT: String(await freePort()),
    AZURITE_QUEUE_PORT: String(await freePort()),
    CORS_ALLOWED_ORIGINS: 'http://localhost:5173',
    // Every test calls from 127.0.0.1: the suite's host lifts the limits (tests/http/rate-limit.test.ts proves them).
    RATE_LIMITS: JSON.stringify(Object.fromEntries(Object.entries(DEFAULT_RATE_LIMITS).map(([name, rule]) => [name, { ...rule, max: 100_000 }]))),
  };
  const host = await startHostProcess(env, join(dataDir, 'host.log'));
  Object.assign(process.env, env, { TALENTI_TEST_URL: host.url });
  writeFileSync(join(dataDir, 'host.pid'), String(host.child.pid));
  (globalThis as { talentiHost?: typeof host }).talentiHost = host;
}
