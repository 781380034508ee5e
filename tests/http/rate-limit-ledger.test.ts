import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DatabaseHandle } from '../../shared/db/database';
import { migrateToLatest } from '../../shared/db/migrate';
import { countRoundTrips } from '../../shared/db/round-trips';
import { RateLimitedError } from '../../shared/errors';
import { RateLimiter } from '../../shared/http/rate-limiter';
import { localAllowance, MAX_BUCKETS_PER_COUNT } from '../../shared/http/rate-limit-ledger';
import { countHits } from '../../shared/db/repositories/rate-limit-counters';
import { createRecordingMssqlDatabase } from '../../shared/db/t-sql';
import type { Logger } from '../../shared/observability/logger';

/**
 * Rate limits decided from an instance's ledger (docs/api.md): a known bucket well under its limit costs no round
 * trip, one instance lets through exactly the limit, the hits admitted locally reach the shared counters within a
 * flush, and two instances on one database overshoot by at most their local allowances.
 */
let dir: string;
let handle: DatabaseHandle;
const warnings: string[] = [];
const log: Logger = { debug: () => undefined, info: () => undefined, warn: (message) => void warnings.push(message), error: () => undefined };
let clock = Date.UTC(2026, 11, 3, 10, 0, 5);
const limiters: RateLimiter[] = [];

function limiter(rule: { windowSeconds: number; max: number; keys?: Array<'ip' | 'user'> }): RateLimiter {
  const created = new RateLimiter('sqlite', { 'ai-interviewer': { keys: ['ip', 'user'], ...rule } }, handle.scopes.system, log, () => clock);
  limiters.push(created);
  return created;
}

/** Runs one request's check in its own platform scope, as the request wrapper does; its round trips and outcome. */
async function hit(rateLimiter: RateLimiter, keys: { ip?: string; user?: string }): Promise<{ admitted: boolean; trips: number }> {
  const { trips, result } = countRoundTrips(() => handle.scopes.system.run((db) => rateLimiter.consume(db, 'ai-interviewer', keys)));
  const admitted = await result.then(
    () => true,
    (error: unknown) => {
      if (error instanceof RateLimitedError) return false;
      throw error;
    },
  );
  return { admitted, trips: trips.total };
}

async function storedHits(bucket: string): Promise<number> {
  const row = await handle.db.selectFrom('rate_limit_counters').select((eb) => eb.fn.sum<number>('hits').as('hits')).where('bucket_key', '=', bucket).executeTakeFirst();
  return Number(row?.hits ?? 0);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'talenti-rate-ledger-'));
  handle = openDatabase({ provider: 'sqlite', path: join(dir, 'db.sqlite'), acquireTimeoutMs: 5000 });
  await migrateToLatest(handle.db, 'sqlite');
});
afterEach(async () => {
  await Promise.all(limiters.splice(0).map((l) => l.close()));
  await handle.db.deleteFrom('rate_limit_counters').execute();
  clock += 3_600_000;
});
afterAll(async () => {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('rate limits decided on the instance', () => {
  it('counts a bucket it has not seen in the database, then admits its next hits without a round trip', async () => {
    const limits = limiter({ windowSeconds: 60, max: 30 });
    expect(await hit(limits, { ip: '203.0.113.1', user: 'candidate-1' })).toEqual({ admitted: true, trips: 1 });
    expect(await hit(limits, { ip: '203.0.113.1', user: 'candidate-1' })).toEqual({ admitted: true, trips: 0 });
    // A new candidate behind the same address: one bucket is new, so the request is counted.
    expect(await hit(limits, { ip: '203.0.113.1', user: 'candidate-2' })).toEqual({ admitted: true, trips: 1 });
  });

  it('takes no connection for a hit the ledger admits (consumeIn), and one when it must count', async () => {
    let opened = 0;
    const scope = { ...handle.scopes.system, run: <T>(work: Parameters<typeof handle.scopes.system.run<T>>[0]) => (opened++, handle.scopes.system.run(work)) };
    const limits = limiter({ windowSeconds: 60, max: 30, keys: ['ip'] });
    for (let i = 0; i < 3; i++) await limits.consumeIn(scope, 'ai-interviewer', { ip: '192.0.2.9' });
    expect(opened).toBe(1);
  });

  it('lets exactly the limit through on one instance, sequential or all at once, and counts every hit', async () => {
    const limits = limiter({ windowSeconds: 60, max: 30 });
    const sequential = [];
    for (let i = 0; i < 40; i++) sequential.push(await hit(limits, { user: 'sequential' }));
    expect(sequential.filter((h) => h.admitted)).toHaveLength(30);
    expect(sequential.slice(30).every((h) => !h.admitted)).toBe(true);
    // Most of the first half cost no round trip; every hit past half the limit was counted before it went on.
    expect(sequential.slice(0, 15).filter((h) => h.trips === 0).length).toBeGreaterThanOrEqual(10);
    expect(sequential.slice(15).every((h) => h.trips === 1)).toBe(true);

    const burst = await Promise.all(Array.from({ length: 40 }, () => hit(limits, { user: 'burst' })));
    expect(burst.filter((h) => h.admitted)).toHaveLength(30);
    await limits.flush();
    expect(await storedHits('ai-interviewer:user:sequential')).toBe(40);
    expect(await storedHits('ai-interviewer:user:burst')).toBe(40);
  });

  it('writes the hits it admitted locally within about a second, without being asked', async () => {
    const limits = limiter({ windowSeconds: 60, max: 1000 });
    for (let i = 0; i < 5; i++) await hit(limits, { user: 'timed' });
    expect(await storedHits('ai-interviewer:user:timed')).toBe(1);
    const deadline = Date.now() + 5_000;
    while ((await storedHits('ai-interviewer:user:timed')) < 5 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await storedHits('ai-interviewer:user:timed')).toBe(5);
  });

  it('keeps the hits of a failed flush and writes them with the next', async () => {
    let unavailable = false;
    // The platform scope as the app has it, except that it fails while the database is "unavailable".
    const scope = { ...handle.scopes.system, run: <T>(work: Parameters<typeof handle.scopes.system.run<T>>[0]) => (unavailable ? Promise.reject(new Error('database unavailable')) : handle.scopes.system.run(work)) };
    const limits = new RateLimiter('sqlite', { 'ai-interviewer': { windowSeconds: 60, max: 1000, keys: ['user'] } }, scope, log, () => clock);
    limiters.push(limits);
    for (let i = 0; i < 4; i++) await hit(limits, { user: 'retried' });
    unavailable = true;
    await limits.flush();
    expect(warnings).toContain('rate limit flush failed; retried with the next');
    expect(await storedHits('ai-interviewer:user:retried')).toBe(1);
    unavailable = false;
    await limits.flush();
    expect(await storedHits('ai-interviewer:user:retried')).toBe(4);
  });

  it('starts a new window at zero for a bucket seen in the last one, and forgets a bucket quiet for a whole window', async () => {
    const limits = limiter({ windowSeconds: 60, max: 30 });
    for (let i = 0; i < 3; i++) await hit(limits, { user: 'windows' });
    await limits.flush();
    clock += 60_000;
    // The flush at the new window keeps what was seen in the last one.
    await limits.flush();
    expect(await hit(limits, { user: 'windows' })).toEqual({ admitted: true, trips: 0 });
    await limits.flush();
    const rows = await handle.db.selectFrom('rate_limit_counters').select(['window_start', 'hits']).where('bucket_key', '=', 'ai-interviewer:user:windows').orderBy('window_start').execute();
    expect(rows.map((r) => r.hits)).toEqual([3, 1]);
    clock += 120_000;
    await limits.flush();
    expect(await hit(limits, { user: 'windows' })).toEqual({ admitted: true, trips: 1 });
  });

  it('never admits locally under a small limit: every hit is counted', async () => {
    expect(localAllowance(9)).toBe(0);
    const limits = limiter({ windowSeconds: 60, max: 5 });
    const hits = [];
    for (let i = 0; i < 7; i++) hits.push(await hit(limits, { ip: '198.51.100.7' }));
    expect(hits.map((h) => h.trips)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(hits.filter((h) => h.admitted)).toHaveLength(5);
  });

  it('lets two instances sharing a database overshoot a window by no more than their local allowances', async () => {
    const max = 60;
    const instances = [limiter({ windowSeconds: 60, max }), limiter({ windowSeconds: 60, max })];
    let admitted = 0;
    for (let i = 0; i < 200; i++) if ((await hit(instances[i % 2] as RateLimiter, { user: 'shared' })).admitted) admitted++;
    expect(admitted).toBeGreaterThanOrEqual(max);
    expect(admitted).toBeLessThanOrEqual(max + 2 * localAllowance(max));
    await Promise.all(instances.map((l) => l.flush()));
    expect(await storedHits('ai-interviewer:user:shared')).toBe(200);
  });
});

describe('the periodic flush', () => {
  it('writes thousands of buckets in statements Azure SQL takes, each window with its own end', async () => {
    const limits = new RateLimiter(
      'sqlite',
      { 'ai-interviewer': { windowSeconds: 60, max: 1000, keys: ['user'] }, 'parse-resume': { windowSeconds: 300, max: 1000, keys: ['user'] } },
      handle.scopes.system,
      log,
      () => clock,
    );
    limiters.push(limits);
    const users = Array.from({ length: 1_200 }, (_, i) => `flushed-${i}`);
    // Each bucket counted once (a new bucket), then admitted twice on the instance.
    for (const user of users) for (let i = 0; i < 3; i++) await handle.scopes.system.run((db) => limits.consume(db, 'ai-interviewer', { user }));
    for (let i = 0; i < 3; i++) await handle.scopes.system.run((db) => limits.consume(db, 'parse-resume', { user: 'five-minutes' }));
    const { trips, result } = countRoundTrips(() => limits.flush());
    await result;
    expect(trips.total).toBe(Math.ceil(users.length / MAX_BUCKETS_PER_COUNT) + 1);
    const rows = await handle.db.selectFrom('rate_limit_counters').select(['bucket_key', 'hits', 'window_start', 'expires_at']).where('bucket_key', 'like', '%:user:%').execute();
    expect(rows.filter((r) => r.bucket_key.startsWith('ai-interviewer:') && r.hits === 3)).toHaveLength(users.length);
    const resume = rows.find((r) => r.bucket_key === 'parse-resume:user:five-minutes');
    expect(resume && resume.hits).toBe(3);
    expect(resume && Number(resume.expires_at) - Number(resume.window_start)).toBe(300);
  });

  it('counts a batch of the most buckets in one Azure SQL statement within its 2,100 parameters', async () => {
    const recording = createRecordingMssqlDatabase();
    const increments = new Map(Array.from({ length: MAX_BUCKETS_PER_COUNT }, (_, i) => [`ai-interviewer:ip:198.51.100.${i}`, 2] as const));
    // The recording driver returns no rows, which countHits refuses; the statement it sent is what is checked.
    await expect(countHits(recording.db, 'mssql', increments, 0, 60)).rejects.toThrow(/too few rows/);
    expect(recording.statements).toHaveLength(1);
    expect(recording.statements[0]?.parameters.length).toBe(3 * MAX_BUCKETS_PER_COUNT + 1);
    expect(recording.statements[0]?.parameters.length).toBeLessThanOrEqual(2_100);
  });
});
