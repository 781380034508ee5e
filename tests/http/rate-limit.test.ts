import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signDevToken, type DevKeys } from '../../shared/auth/dev-issuer';
import { devIssuerFor } from '../../shared/config/settings';
import { readFileSync } from 'node:fs';
import { freePort, startHostProcess, type HostProcess } from '../support/processes';
import { chooseOrganisationAccount } from '../support/api';

/** Two host processes on one database: the limit is shared, not per process. */
describe('rate limiting across instances', () => {
  let hosts: HostProcess[] = [];
  let dataDir: string;
  let issuerPort: number;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'talenti-rate-'));
    const azuritePort = await freePort();
    const ports = [await freePort(), await freePort()];
    issuerPort = ports[0] as number;
    const common = {
      DATA_DIR: dataDir,
      AZURITE_BLOB_PORT: String(azuritePort),
      // both hosts trust the first host's dev issuer, as two instances trust one Entra tenant
      AUTH_ISSUERS: JSON.stringify([devIssuerFor(issuerPort)]),
      RATE_LIMITS: JSON.stringify({ 'create-organisation': { windowSeconds: 3600, max: 5, keys: ['user'] } }),
    };
    hosts = [await startHostProcess({ ...common, LOCAL_HOST_PORT: String(ports[0]) }, join(dataDir, 'host-a.log'))];
    hosts.push(await startHostProcess({ ...common, LOCAL_HOST_PORT: String(ports[1]) }, join(dataDir, 'host-b.log')));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(hosts.map((h) => h.stop()));
  });

  it('lets exactly the configured number through, then answers 429 with Retry-After', async () => {
    const keys = JSON.parse(readFileSync(join(dataDir, 'dev-issuer', 'signing-key.json'), 'utf8')) as DevKeys;
    const token = await signDevToken(keys, devIssuerFor(issuerPort), { email: 'limited@example.com' });
    await chooseOrganisationAccount(token, (hosts[0] as HostProcess).url);
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        fetch(`${(hosts[i % 2] as HostProcess).url}/api/create-organisation`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name: `Limited ${i}` }),
        }),
      ),
    );
    const created = responses.filter((r) => r.status === 201);
    const limited = responses.filter((r) => r.status === 429);
    expect(created).toHaveLength(5);
    expect(limited).toHaveLength(7);
    for (const response of limited) {
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(response.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    // both processes refused some: the count really is shared
    const limitedByHost = responses.map((r, i) => (r.status === 429 ? i % 2 : -1)).filter((h) => h >= 0);
    expect(new Set(limitedByHost).size).toBe(2);
  });
});
