import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadOrCreateDevKeys, signDevToken } from '../../shared/auth/dev-issuer';
import { devIssuerFor } from '../../shared/config/settings';
import { resumePdf, twoPageResume } from '../../tests/support/documents';
import { startFakeModelServer } from '../../tests/support/fakes/model-server';
import { freePort, startHostProcess, type HostProcess } from '../../tests/support/processes';
import { openInvitedInterview } from '../../tests/support/invited-interview';
import { consume, insertRole } from './interview-turn';
import type { BenchResult } from './index';

/**
 * The first request to each kind of function from a cold process: a fresh local host (the entry point's lazy path:
 * registered from the list, the function's module and what it needs loaded by its first invocation) answers one
 * request of the kind first, then the same request again, warm. Data (a signed-in user, interview sessions) is made
 * by an earlier host on the same data folder, so the measured request is the process's first.
 */
const RUNS = Number(process.env.BENCH_FIRST_REQUEST_RUNS ?? 3);
const MODEL_TTFT_MS = 200;

interface Kind {
  name: string;
  /** Settings of the measured host beyond the data folder and ports. */
  env: Record<string, string>;
  /** One request, read to its end; resolves when it is done, or with when its timed part ended (a turn's first delta). */
  send(url: string, run: number, attempt: number): Promise<number | void>;
  /** Time the request spends outside the backend (the fake model's time to first token). */
  externalMs: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function ok(response: Response): Promise<Response> {
  if (!response.ok) throw new Error(`${response.url}: ${response.status} ${await response.text()}`);
  return response;
}

export async function benchFirstRequest(): Promise<BenchResult> {
  const fake = await startFakeModelServer();
  fake.setDefault(() => ({ type: 'stream', chunks: ['Thanks. ', 'Tell me more.'], firstTokenDelayMs: MODEL_TTFT_MS, chunkDelayMs: 5 }));
  const dataDir = mkdtempSync(join(tmpdir(), 'talenti-bench-first-'));
  // One port for every host: the dev issuer's address (in each token) includes it.
  const port = await freePort();
  const unlimited = { windowSeconds: 60, max: 1_000_000 };
  const base = {
    DATA_DIR: dataDir,
    LOCAL_HOST_PORT: String(port),
    AZURITE_BLOB_PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
    RATE_LIMITS: JSON.stringify(Object.fromEntries(['me', 'ai-interviewer', 'parse-resume', 'redeem-invitation'].map((name) => [name, unlimited]))),
  };
  const model = { AI_PROVIDER: 'openai-compatible', OPENAI_COMPATIBLE_BASE_URL: `${fake.url}/v1`, AI_MODEL: 'bench-model' };
  const start = (env: Record<string, string>): Promise<HostProcess> => startHostProcess({ ...base, ...env }, join(dataDir, 'host.log'));

  const keys = await loadOrCreateDevKeys(dataDir);
  const userToken = await signDevToken(keys, devIssuerFor(port), { email: `bench-${randomUUID()}@example.com`, expiresInSeconds: 86_400 });
  const pdf = await resumePdf({ blocks: twoPageResume() });
  const sessions: string[] = [];
  const preparing = await start(model);
  const db = new Database(join(dataDir, 'talenti.sqlite'));
  try {
    const role = insertRole(db);
    for (let run = 0; run < RUNS; run++) sessions.push((await openInvitedInterview(db, preparing.url, role, 'bench')).token);
  } finally {
    db.close();
    await preparing.stop();
  }

  const kinds: Kind[] = [
    {
      name: 'data read (GET /api/me)',
      env: {},
      externalMs: 0,
      send: async (url) => void (await (await ok(await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${userToken}` } }))).text()),
    },
    {
      name: 'interview turn (POST /api/ai-interviewer, to the first delta)',
      env: model,
      externalMs: MODEL_TTFT_MS,
      send: async (url, run, attempt) => {
        const headers = { authorization: `Bearer ${sessions[run]}`, 'content-type': 'application/json', accept: 'text/event-stream' };
        return consume(await ok(await fetch(`${url}/api/ai-interviewer`, { method: 'POST', headers, body: JSON.stringify({ message: 'I led the payments migration.', clientTurnId: `cold-${attempt}` }) })));
      },
    },
    {
      name: 'resume parse (POST /api/parse-resume, 2-page PDF, offline)',
      env: {},
      externalMs: 0,
      send: async (url) => {
        const headers = { authorization: `Bearer ${userToken}`, 'content-type': 'application/pdf' };
        await (await ok(await fetch(`${url}/api/parse-resume`, { method: 'POST', headers, body: pdf }))).text();
      },
    },
  ];

  const notes: string[] = [];
  const firsts: number[] = [];
  try {
    for (const kind of kinds) {
      const first: number[] = [];
      const warm: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const host = await start(kind.env);
        try {
          for (const [attempt, times] of [first, warm].entries()) {
            const started = performance.now();
            const ended = (await kind.send(host.url, run, attempt)) ?? performance.now();
            times.push(ended - started - kind.externalMs);
          }
        } finally {
          await host.stop();
        }
      }
      firsts.push(median(first));
      notes.push(`${kind.name}: first ${median(first).toFixed(0)} ms, then ${median(warm).toFixed(1)} ms warm (medians of ${RUNS} cold processes${kind.externalMs ? `, the model's ${kind.externalMs} ms to first token left out` : ''})`);
    }
  } finally {
    await fake.close();
  }
  return {
    name: `first request of each kind from a cold process (${RUNS} processes each)`,
    ops_per_second: Math.round((1000 / median(firsts)) * 100) / 100,
    p50_ms: median(firsts),
    notes,
  };
}
