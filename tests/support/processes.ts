import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, join } from 'node:path';
import { HELD_CONNECTION_MESSAGE } from '../../shared/app-services';

/** The checkout, whether this file runs from tests/ (jest) or from dist/tests/ (benchmarks). */
const ABOVE_TESTS = join(__dirname, '..', '..');
export const ROOT = basename(ABOVE_TESTS) === 'dist' ? join(ABOVE_TESTS, '..') : ABOVE_TESTS;

/** Ports handed out below Linux's ephemeral range (32768 and up), in a band of their own for each jest worker. */
const FIRST_PORT = 15_000;
const PORTS_PER_BAND = 1_500;
const band = Number(process.env.JEST_WORKER_ID ?? 0) % Math.floor((32_768 - FIRST_PORT) / PORTS_PER_BAND);
let nextInBand = Math.floor(Math.random() * PORTS_PER_BAND);

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A port for a process a test starts, which binds it only later. A port from listen(0) comes from the ephemeral
 * range, where the kernel also picks the local end of every outgoing connection, so one could be taken before the
 * child binds it (EADDRINUSE); below that range, in this worker's own band, only this process hands them out.
 */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < PORTS_PER_BAND; tries++) {
    const port = FIRST_PORT + band * PORTS_PER_BAND + (nextInBand++ % PORTS_PER_BAND);
    if (await isFree(port)) return port;
  }
  throw new Error(`no free port in ${FIRST_PORT + band * PORTS_PER_BAND}-${FIRST_PORT + (band + 1) * PORTS_PER_BAND - 1}`);
}

export interface HostProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Runs `npm start`'s entry point (compiled) exactly as a developer would, with its own settings. Each host gets its
 * own Azurite queue service unless one is given: hosts sharing one would take each other's messages.
 */
export async function startHostProcess(env: Record<string, string>, logFile: string): Promise<HostProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'scripts', 'start.js')], {
    cwd: ROOT,
    // Tests name their client address in X-Forwarded-For, as a proxy in front of the host would: one hop more to trust.
    env: { ...process.env, LOG_LEVEL: 'warn', TRUSTED_PROXY_HOPS: '2', AZURITE_QUEUE_PORT: String(await freePort()), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    // A host that gives up is stopped (it stops its own Azurite children on SIGTERM), so nothing outlives the test.
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`host did not start within 90 s; see ${logFile}`));
    }, 90_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /^ready (\S+)$/m.exec(output);
      if (ready?.[1]) {
        clearTimeout(timer);
        resolve(ready[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}; see ${logFile}`));
    });
  });
  return {
    url,
    child,
    stop: async () => {
      await new Promise<void>((resolve) => {
        // Ended by a signal, a process has no exit code: waiting for its 'exit' then would hang forever.
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      // Every host a test starts also checks the connection rule (docs/database.md) for whatever the test did.
      const held = readFileSync(logFile, 'utf8').split('\n').filter((line) => line.includes(HELD_CONNECTION_MESSAGE));
      if (held.length > 0) throw new Error(`a network call was made while holding a database connection:\n${held.slice(0, 5).join('\n')}`);
    },
  };
}

/** Runs a compiled script to completion and returns its exit code and output. */
export async function runScript(script: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'scripts', script), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout, stderr };
}
