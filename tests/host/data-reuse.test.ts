import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signDevToken, type DevKeys } from '../../shared/auth/dev-issuer';
import { devIssuerFor } from '../../shared/config/settings';
import { readFileSync } from 'node:fs';
import { freePort, startHostProcess } from '../support/processes';
import { chooseOrganisationAccount } from '../support/api';

describe('npm start twice', () => {
  it('reuses the data folder: the database, the blobs and the sign-in key survive a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'talenti-restart-'));
    const port = await freePort();
    const env = { DATA_DIR: dataDir, LOCAL_HOST_PORT: String(port), AZURITE_BLOB_PORT: String(await freePort()) };
    const first = await startHostProcess(env, join(dataDir, 'first.log'));
    const keys = () => JSON.parse(readFileSync(join(dataDir, 'dev-issuer', 'signing-key.json'), 'utf8')) as DevKeys;
    const token = await signDevToken(keys(), devIssuerFor(port), { email: 'restart@example.com' });
    await chooseOrganisationAccount(token, first.url);
    const created = await fetch(`${first.url}/api/create-organisation`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Survives Restarts' }),
    });
    expect(created.status).toBe(201);
    await first.stop();

    const second = await startHostProcess(env, join(dataDir, 'second.log'));
    try {
      const me = await fetch(`${second.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200); // same key: the token signed before the restart is still valid
      expect(((await me.json()) as { memberships: Array<{ organisation_name: string }> }).memberships).toEqual([
        expect.objectContaining({ organisation_name: 'Survives Restarts' }),
      ]);
      expect(readFileSync(join(dataDir, 'second.log'), 'utf8')).not.toMatch(/applied 0001/);
      expect(((await (await fetch(`${second.url}/api/health`)).json()) as { status: string }).status).toBe('ok');
    } finally {
      await second.stop();
    }
  }, 120_000);
});
