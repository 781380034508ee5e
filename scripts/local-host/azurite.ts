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

export type AzuriteService = 'blob' | 'queue';

/**
 * Starts one Azurite service (blob or queue) on loopback, keeping its data under the data folder. Only the blob
 * service writes a debug log: the local host polls queues continuously, which would grow one without end.
 */
export async function startAzurite(options: { service: AzuriteService; port: number; location: string }): Promise<AzuriteProcess> {
  if (await isListening(options.port)) return { startedHere: false, stop: async () => {} };
  mkdirSync(options.location, { recursive: true });
  const { service } = options;
  const args = [
    require.resolve(`azurite/dist/src/${service}/main.js`),
    `--${service}Host`, '127.0.0.1',
    `--${service}Port`, String(options.port),
    '--location', options.location,
    ...(service === 'blob' ? ['--debug', join(options.location, 'debug.log')] : []),
    '--skipApiVersionCheck',
    '--disableTelemetry',
    '--silent',
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const stop = () =>
    new Promise<void>((resolve) => {
      // Ended by a signal, a process has no exit code: waiting for its 'exit' then would hang forever.
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  // An Azurite that never listened is stopped too, or it would outlive the host that gave up on it.
  await waitForPort(options.port, child, 45_000).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { startedHere: true, stop };
}
