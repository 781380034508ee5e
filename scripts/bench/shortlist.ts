import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AiGateway } from '../../shared/ai/gateway';
import { loadSettings } from '../../shared/config/settings';
import { openDatabase } from '../../shared/db/database';
import { migrateToLatest } from '../../shared/db/migrate';
import { createLogger } from '../../shared/observability/logger';
import { generateShortlist } from '../../shared/shortlist/generate-shortlist';
import { readShortlist } from '../../shared/shortlist/read-shortlist';
import type { BenchResult } from './index';
import type { Seeded } from './shortlist-seed';

/**
 * generate-shortlist over 10,000 synthetic applicants, as the endpoint runs it but without HTTP: the applicants
 * read from SQLite a chunk at a time, scored and staged, the top 20 re-ranked by the offline provider, the run
 * ranked and made the role's list in one transaction, and the answer (its first page of 100) read. Then the stored
 * list read back a page of 100 at a time as GET /api/job-roles/{id}/shortlist does, every rank checked. The applicants are seeded by a process of its own
 * (shortlist-seed.ts), so this process's peak RSS is the generation's and the read's.
 */
const APPLICANTS = 10_000;
const WARM_UP_RUNS = 1;
const TIMED_RUNS = 5;
const PAGE = 100;
const TARGET_MS = 1000;
const TARGET_RSS_MB = 150;
const TARGET_PAGE_MS = 50;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

export async function benchShortlist(): Promise<BenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'talenti-bench-shortlist-'));
  const settings = loadSettings({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  const database = openDatabase(settings.database);
  try {
    await migrateToLatest(database.db, database.dialect);
    if (settings.database.provider !== 'sqlite') throw new Error('the benchmark runs on SQLite');
    const seeded = execFileSync(process.execPath, [join(__dirname, 'shortlist-seed.js'), settings.database.path, String(APPLICANTS)], { encoding: 'utf8' });
    const { roleId, caller } = JSON.parse(seeded) as Seeded;
    const data = database.scopes.user(caller.user.id);
    const ai = new AiGateway(settings.ai, database.scopes.system);
    const context = { ipAddress: '127.0.0.1', log: createLogger(console, 'warn') };

    const times: number[] = [];
    const cpuTimes: number[] = [];
    for (let run = 0; run < WARM_UP_RUNS + TIMED_RUNS; run++) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      const firstPage = await generateShortlist(data, ai, settings.shortlist, caller, roleId, PAGE, context);
      const elapsed = performance.now() - started;
      const used = process.cpuUsage(cpu);
      if (firstPage.matches.length !== PAGE) throw new Error(`the answer held ${firstPage.matches.length} entries, not a page of ${PAGE}`);
      if (run >= WARM_UP_RUNS) {
        times.push(elapsed);
        cpuTimes.push((used.user + used.system) / 1000);
      }
    }

    const pageTimes: number[] = [];
    let read = 0;
    for (let cursor: string | undefined; ; ) {
      const started = performance.now();
      const page = await data.run((db) => readShortlist(db, caller, roleId, { limit: PAGE, cursor }, context));
      pageTimes.push(performance.now() - started);
      // Every applicant ranked once, 1 to 10,000 in order: the run stored the whole list.
      if (page.matches.some((match, i) => match.rank !== read + i + 1)) throw new Error(`ranks out of order on the page from ${read + 1}`);
      read += page.matches.length;
      if (page.next_cursor === null) break;
      cursor = page.next_cursor;
    }
    if (read !== APPLICANTS) throw new Error(`the pages held ${read} of ${APPLICANTS} entries`);

    const sorted = [...times].sort((a, b) => a - b);
    const p50 = percentile(sorted, 50);
    const peakRss = process.resourceUsage().maxRSS / 1024;
    const pages = [...pageTimes].sort((a, b) => a - b);
    const pageP50 = percentile(pages, 50);
    const pageP99 = percentile(pages, 99);
    const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
    return {
      name: 'shortlist: generate 10,000 (SQLite)',
      n: APPLICANTS,
      total_ms: p50,
      ops_per_second: APPLICANTS / (p50 / 1000),
      p50_ms: p50,
      p99_ms: percentile(sorted, 99),
      cpu_ms: median(cpuTimes),
      target: `median < ${TARGET_MS} ms, peak RSS < ${TARGET_RSS_MB} MB, page of ${PAGE} p50 < ${TARGET_PAGE_MS} ms`,
      met: p50 < TARGET_MS && peakRss < TARGET_RSS_MB && pageP50 < TARGET_PAGE_MS,
      notes: [
        `generation: median ${p50.toFixed(0)} ms wall, ${median(cpuTimes).toFixed(0)} ms CPU (target < ${TARGET_MS} ms: ${met(p50 < TARGET_MS)})`,
        `peak RSS of the process (generation and paged read; seeded by another process): ${peakRss.toFixed(1)} MB (target < ${TARGET_RSS_MB} MB: ${met(peakRss < TARGET_RSS_MB)})`,
        `paged read: ${pageTimes.length} pages of ${PAGE}, p50 ${pageP50.toFixed(1)} ms, p99 ${pageP99.toFixed(1)} ms (target p50 < ${TARGET_PAGE_MS} ms: ${met(pageP50 < TARGET_PAGE_MS)})`,
      ],
    };
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
