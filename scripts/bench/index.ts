import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

/**
 * `npm run bench`: runs every benchmark in a child process of its own (so one benchmark's heap and peak RSS do
 * not colour another's), prints a table and writes bench-results.json. `npm run bench -- shortlist` runs one.
 */

/** What a benchmark module returns. Only name and ops_per_second are required. */
export interface BenchResult {
  name: string;
  /** Operations in one timed run (e.g. applicants scored), when a run is more than one operation. */
  n?: number;
  /** Time of one timed run (the median), ms. */
  total_ms?: number;
  ops_per_second: number;
  /** Of one operation, or of one run when n is given. */
  p50_ms?: number;
  p99_ms?: number;
  /** CPU time (user + system) of one timed run, the median: what the run costs when the machine is busy. */
  cpu_ms?: number;
  target?: string;
  met?: boolean;
  /** Lines printed under the table (e.g. a derived plan), kept in bench-results.json. */
  notes?: string[];
}

/** Memory the runner measures around the benchmark, in MB. */
export interface MemoryUse {
  /** Resident set size before the benchmark started (after a full GC). */
  baseline_rss_mb: number;
  /** The process's resident set high-water mark, from the OS (getrusage maxrss): exact, not sampled. */
  peak_rss_mb: number;
  /** Highest V8 heapUsed seen above the baseline, sampled every millisecond the event loop is free and after the run. */
  peak_heap_delta_mb: number;
}

export type MeasuredResult = BenchResult & MemoryUse & { key: string };

const turn = (concurrency: number, withDelay: boolean) => async () => (await import('./interview-turn')).benchInterviewTurn(concurrency, withDelay)();

/** Each loaded only in the child that runs it, so no benchmark's peak RSS holds another's modules. */
const BENCHMARKS: Record<string, () => Promise<BenchResult>> = {
  shortlist: async () => (await import('./shortlist')).benchShortlist(),
  'cold-start': async () => (await import('./cold-start')).benchColdStart(),
  'first-request': async () => (await import('./first-request')).benchFirstRequest(),
  'interview-turn-1': turn(1, false),
  'interview-turn-10': turn(10, false),
  'interview-turn-50': turn(50, false),
  'interview-turn-1-delay': turn(1, true),
  'interview-turn-10-delay': turn(10, true),
  'interview-turn-50-delay': turn(50, true),
  'resume-parse': async () => (await import('./resume-parse')).benchResumeParse(),
  'supabase-migration': async () => (await import('./supabase-migration')).benchSupabaseMigration(),
};

const MB = 1024 * 1024;
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

function roundedTimes(result: BenchResult): Partial<BenchResult> {
  const times: Partial<BenchResult> = { ops_per_second: round(result.ops_per_second, 1) };
  for (const field of ['total_ms', 'p50_ms', 'p99_ms', 'cpu_ms'] as const) {
    const value = result[field];
    if (value !== undefined) times[field] = round(value, 3);
  }
  return times;
}

async function runInThisProcess(key: string): Promise<MeasuredResult> {
  const bench = BENCHMARKS[key];
  if (!bench) throw new Error(`no benchmark "${key}"; known: ${Object.keys(BENCHMARKS).join(', ')}`);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const baseline = process.memoryUsage();
  let peakHeap = baseline.heapUsed;
  const sample = () => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  };
  const sampler = setInterval(sample, 1);
  try {
    const result = await bench();
    sample();
    return {
      key,
      ...result,
      ...roundedTimes(result),
      baseline_rss_mb: round(baseline.rss / MB, 1),
      peak_rss_mb: round(process.resourceUsage().maxRSS / 1024, 1),
      peak_heap_delta_mb: round((peakHeap - baseline.heapUsed) / MB, 1),
    };
  } finally {
    clearInterval(sampler);
  }
}

function runInChild(key: string): Promise<MeasuredResult> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--child', key], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: MeasuredResult | undefined;
    child.on('message', (message) => (result = message as MeasuredResult));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 && result ? resolve(result) : reject(new Error(`benchmark "${key}" exited with ${code}`))));
  });
}

function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '';
  return ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(1) : ms.toFixed(3);
}

function table(results: MeasuredResult[]): string {
  const header = ['benchmark', 'n', 'total ms', 'cpu ms', 'per op', 'ops/s', 'p50 ms', 'p99 ms', 'peak RSS MB', 'heap Δ MB', 'target'];
  const rows = results.map((r) => [
    r.name,
    r.n === undefined ? '' : r.n.toLocaleString('en-AU'),
    formatMs(r.total_ms),
    formatMs(r.cpu_ms),
    r.total_ms !== undefined && r.n ? `${((r.total_ms * 1000) / r.n).toFixed(1)} µs` : `${formatMs(1000 / r.ops_per_second)} ms`,
    Math.round(r.ops_per_second).toLocaleString('en-AU'),
    formatMs(r.p50_ms),
    formatMs(r.p99_ms),
    r.peak_rss_mb.toFixed(1),
    r.peak_heap_delta_mb.toFixed(1),
    r.target === undefined ? '' : `${r.target} ${r.met ? '(met)' : '(NOT met)'}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const [flag, key] = process.argv.slice(2);
  if (flag === '--child' && key) {
    const result = await runInThisProcess(key);
    process.send?.(result);
    return;
  }
  const keys = flag ? process.argv.slice(2) : Object.keys(BENCHMARKS);
  const results: MeasuredResult[] = [];
  for (const name of keys) results.push(await runInChild(name));
  // Wall times depend on what else the machine runs; the load average says how busy it was, CPU times do not.
  const machine = { cpus: cpus().length, cpu_model: cpus()[0]?.model ?? 'unknown', load_average_1m: round(loadavg()[0] ?? 0) };
  console.log(table(results));
  for (const result of results) if (result.notes?.length) console.log(`\n${result.name}:\n${result.notes.join('\n')}`);
  console.log(`\n${machine.cpus} × ${machine.cpu_model}, load average ${machine.load_average_1m}, Node ${process.version}`);
  const file = join(process.cwd(), 'bench-results.json');
  writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), node: process.version, platform: `${process.platform} ${process.arch}`, machine, results }, null, 2)}\n`);
  console.log(`wrote ${file}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
