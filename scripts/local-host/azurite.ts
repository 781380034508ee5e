import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

export interface AzuriteProcess {
  /** False when an Azurite was already listening on the port and we reuse it. */
  startedHere: boolean;
  stop(): Promise<void>;
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => socket.end(() => resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Azurite exited with code ${child.exitCode}`);
    if (await isListening(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Azurite did not listen on port ${port} within ${timeoutMs} ms`);
}

/** Starts Azurite's blob service on loopback, keeping its data under the data folder (or in memory). */
export async function startAzurite(options: { port: number; location: string; inMemory?: boolean }): Promise<AzuriteProcess> {
  if (await isListening(options.port)) return { startedHere: false, stop: async () => {} };
  mkdirSync(options.location, { recursive: true });
  const args = [
    require.resolve('azurite/dist/src/blob/main.js'),
    '--blobHost', '127.0.0.1',
    '--blobPort', String(options.port),
    '--location', options.location,
    '--debug', join(options.location, 'debug.log'),
    '--skipApiVersionCheck',
    '--disableTelemetry',
    '--silent',
    ...(options.inMemory ? ['--inMemoryPersistence'] : []),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  await waitForPort(options.port, child, 20_000);
  return {
    startedHere: true,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
