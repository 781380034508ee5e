import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startFakeModelServer } from '../../tests/support/fakes/model-server';
import { openInvitedInterview } from '../../tests/support/invited-interview';
import { freePort, startHostProcess } from '../../tests/support/processes';
import type { BenchResult } from './index';

/**
 * The backend's own share of an interview turn: time to the first streamed `delta` event through the local host
 * (auth, database reads and the candidate's segment write, prompt build, forwarding the first token) minus the
 * model's own time (from the fake model receiving the request to writing its first chunk, as the fake measures it
 * in this process: its fixed time to first token and its timer's lateness are the model's, not the backend's).
 * Measured on the second turn of fresh interviews, at a concurrency; each turn is read to its end, as a client does.
 */
const MODEL_TTFT_MS = 200;
/** The latency mode's wait before each SQLite round trip (BENCH_DB_DELAY_MS), standing in for Azure SQL's. */
const DB_DELAY_MS = Number(process.env.BENCH_DB_DELAY_MS ?? 1);
const TARGET_SHARE_MS = 5;
const TARGET_CPU_MS = 2;
const CLOCK_TICKS_PER_SECOND = 100;
/** How long the idle host's CPU is sampled: /proc counts in 10 ms ticks. */
const IDLE_SAMPLE_MS = 5000;
const SAMPLES: Record<number, number> = { 1: 60, 10: 200, 50: 250 };
const WARM_UP_TURNS = 30;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Reads a turn's stream to its end; when the first `delta` event arrived (performance.now()). */
export async function consume(response: Response): Promise<number> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  let firstDeltaAt = Number.NaN;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return firstDeltaAt;
    if (Number.isNaN(firstDeltaAt)) {
      text += decoder.decode(value, { stream: true });
      if (text.includes('event: delta')) firstDeltaAt = performance.now();
    }
  }
}

/** The host process's CPU time so far (user + system), from /proc: the benchmark client's own work is not in it. */
function hostCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** An organisation with one active role of six questions; the role's id. */
export function insertRole(db: Database.Database): string {
  const now = new Date().toISOString();
  const organisation = randomUUID();
  const role = randomUUID();
  db.prepare(`insert into organisations (id, name, name_key, created_at, updated_at) values (?, 'Bench Co', 'bench co', ?, ?)`).run(organisation, now, now);
  db.prepare(`insert into job_roles (id, organisation_id, title, status, requirements, interview_structure, created_at, updated_at) values (?, ?, 'Engineer', 'active', ?, ?, ?, ?)`).run(
    role, organisation, JSON.stringify({ skills: ['TypeScript', 'Azure', 'SQL'] }), JSON.stringify({ questions: ['Q1?', 'Q2?', 'Q3?', 'Q4?', 'Q5?', 'Q6?'], duration_minutes: 15 }), now, now,
  );
  return role;
}

export function benchInterviewTurn(concurrency: number, withDelay: boolean): () => Promise<BenchResult> {
  return async () => {
    const fake = await startFakeModelServer();
    fake.setDefault(() => ({ type: 'stream', chunks: ['Thanks. ', 'Tell me ', 'about a ', 'project ', 'you led.'], firstTokenDelayMs: MODEL_TTFT_MS, chunkDelayMs: 5 }));
    const dataDir = mkdtempSync(join(tmpdir(), 'talenti-bench-turn-'));
    const host = await startHostProcess(
      {
        DATA_DIR: dataDir,
        LOCAL_HOST_PORT: String(await freePort()),
        AZURITE_BLOB_PORT: String(await freePort()),
        LOG_LEVEL: 'warn',
        DATABASE_ROUND_TRIP_HEADER: 'true',
        SQLITE_ROUND_TRIP_DELAY_MS: String(withDelay ? DB_DELAY_MS : 0),
        AI_PROVIDER: 'openai-compatible',
        OPENAI_COMPATIBLE_BASE_URL: `${fake.url}/v1`,
        AI_MODEL: 'bench-model',
        RATE_LIMITS: JSON.stringify({ 'ai-interviewer': { windowSeconds: 60, max: 1_000_000 }, 'redeem-invitation': { windowSeconds: 60, max: 1_000_000 } }),
      },
      join(dataDir, 'host.log'),
    );
    const db = new Database(join(dataDir, 'talenti.sqlite'));
    db.pragma('busy_timeout = 5000');
    try {
      const role = insertRole(db);

      const session = async () => (await openInvitedInterview(db, host.url, role, 'bench')).token;

      const tripsBeforeModel: number[] = [];
      let turns = 0;
      const measure = async (token: string): Promise<number> => {
        // A message no other turn sends finds this turn's request among the fake model's.
        const message = `I led the migration of our payments API to Azure Functions and SQL (turn ${++turns}).`;
        const started = performance.now();
        const response = await fetch(`${host.url}/api/ai-interviewer`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'text/event-stream' },
          body: JSON.stringify({ message, clientTurnId: 'measured' }),
        });
        const firstDeltaAt = await consume(response);
        tripsBeforeModel.push(Number(/before-network=(\d+)/.exec(response.headers.get('x-db-round-trips') ?? '')?.[1] ?? Number.NaN));
        const model = fake.requests.find((request) => request.body.messages.some((m) => m.content.includes(message)));
        if (!model?.firstChunkAt || Number.isNaN(firstDeltaAt)) throw new Error(`turn ${turns} streamed no reply`);
        return firstDeltaAt - started - (model.firstChunkAt - model.receivedAt);
      };

      const total = SAMPLES[concurrency] ?? 100;
      // Warm up the host (JIT, connection pools) before timing: a host's first turns also pay for V8 compiling its code.
      for (let i = 0; i < WARM_UP_TURNS; i++) await measure(await session());
      tripsBeforeModel.length = 0;
      // Every measured interview is opened (redeemed, consented, greeted) first, so no set-up work, nor the garbage
      // it leaves, falls inside a measured wave.
      const opened: string[] = [];
      for (let i = 0; i < total; i += concurrency) opened.push(...(await Promise.all(Array.from({ length: Math.min(concurrency, total - i) }, session))));
      // The host's CPU while idle (the local host polls its queues, which on Azure is the Functions host's work, not
      // the worker's) is taken out of each wave's, so a turn's CPU is the turn's.
      const idleStarted = performance.now();
      const idleBefore = hostCpuMs(host.child.pid as number);
      await new Promise((resolve) => setTimeout(resolve, IDLE_SAMPLE_MS));
      const idleMsPerMs = (hostCpuMs(host.child.pid as number) - idleBefore) / (performance.now() - idleStarted);
      const shares: number[] = [];
      // One reading around all the waves (they run back to back): /proc's 10 ms ticks then blur the total, not each wave.
      const cpuBefore = hostCpuMs(host.child.pid as number);
      const wallStart = performance.now();
      for (let done = 0; done < total; done += concurrency) shares.push(...(await Promise.all(opened.slice(done, done + concurrency).map(measure))));
      const wall = performance.now() - wallStart;
      // Let the host close the turns' sockets before reading its CPU.
      await new Promise((resolve) => setTimeout(resolve, 20));
      const cpuMs = hostCpuMs(host.child.pid as number) - cpuBefore - idleMsPerMs * (performance.now() - wallStart);
      shares.sort((a, b) => a - b);
      const p50 = percentile(shares, 50);
      const cpuPerTurn = cpuMs / shares.length;
      const trips = Math.max(...tripsBeforeModel);
      const shareTarget = withDelay && concurrency === 1;
      return {
        name: `interview turn: backend share of time to first byte, ${concurrency} concurrent${withDelay ? `, ${DB_DELAY_MS} ms per round trip` : ''}`,
        n: shares.length,
        total_ms: Math.round(wall),
        ops_per_second: Math.round((shares.length / wall) * 1000 * 100) / 100,
        p50_ms: Math.round(p50 * 100) / 100,
        p99_ms: Math.round(percentile(shares, 99) * 100) / 100,
        cpu_ms: Math.round(cpuPerTurn * 100) / 100,
        target: `${shareTarget ? `p50 ≤ ${TARGET_SHARE_MS} ms; ` : ''}host CPU ≤ ${TARGET_CPU_MS} ms per turn; ≤ 3 round trips before the model`,
        met: (!shareTarget || p50 <= TARGET_SHARE_MS) && cpuPerTurn <= TARGET_CPU_MS && trips <= 3,
        notes: [
          `round trips before the model stream opens: ${trips} (target ≤ 3): ${trips <= 3 ? 'met' : 'not met'}`,
          `host CPU per turn: ${cpuPerTurn.toFixed(2)} ms (target ≤ ${TARGET_CPU_MS} ms, /proc at ${CLOCK_TICKS_PER_SECOND} Hz over ${shares.length} turns, less the host's idle ${(idleMsPerMs * 1000).toFixed(1)} ms a second): ${cpuPerTurn <= TARGET_CPU_MS ? 'met' : 'not met'}`,
          ...(shareTarget ? [`backend share p50 ${p50.toFixed(2)} ms (target ≤ ${TARGET_SHARE_MS} ms with ${DB_DELAY_MS} ms per round trip): ${p50 <= TARGET_SHARE_MS ? 'met' : 'not met'}`] : []),
        ],
      };
    } finally {
      db.close();
      await host.stop();
      await fake.close();
    }
  };
}
