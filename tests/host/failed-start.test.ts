import { mkdirSync, mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startHostProcess } from '../support/processes';

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => socket.end(() => resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

describe('npm start that fails after Azurite is up', () => {
  it('exits non-zero and stops the Azurite services it started', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'talenti-failed-start-'));
    // A directory where the SQLite file should be: the database cannot open, after both Azurite services started.
    mkdirSync(join(dataDir, 'talenti.sqlite'));
    const blobPort = await freePort();
    const queuePort = await freePort();
    const env = { DATA_DIR: dataDir, LOCAL_HOST_PORT: String(await freePort()), AZURITE_BLOB_PORT: String(blobPort), AZURITE_QUEUE_PORT: String(queuePort) };

    await expect(startHostProcess(env, join(dataDir, 'host.log'))).rejects.toThrow(/host exited with 1/);

    expect(await isListening(blobPort)).toBe(false);
    expect(await isListening(queuePort)).toBe(false);
  }, 120_000);
});
