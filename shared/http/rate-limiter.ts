import type { RateLimitRule } from '../config/settings';
import type { SqlDialectName } from '../db/column-types';
import type { Db } from '../db/database';
import { countHits } from '../db/repositories/rate-limit-counters';
import { RateLimitedError } from '../errors';
import type { DbScope } from '../db/scopes';
import { errorSummary } from '../observability/error-summary';
import type { Logger } from '../observability/logger';
import { RateLimitLedger, type BucketHit, type CountBatch } from './rate-limit-ledger';

type Rule = Required<RateLimitRule>;

/** The original's limits (original-system.md §1.12), plus create-organisation, which had none. */
export const DEFAULT_RATE_LIMITS: Record<string, Rule> = {
  'ai-interviewer': { windowSeconds: 60, max: 30, keys: ['ip', 'user'] },
  'azure-speech-token': { windowSeconds: 60, max: 15, keys: ['user'] },
  'avatar-relay-token': { windowSeconds: 60, max: 15, keys: ['user'] },
  'acs-token-generator': { windowSeconds: 60, max: 10, keys: ['ip'] },
  'extract-requirements': { windowSeconds: 60, max: 20, keys: ['ip', 'user'] },
  'parse-resume': { windowSeconds: 60, max: 5, keys: ['ip', 'user'] },
  'score-interview': { windowSeconds: 300, max: 10, keys: ['ip'] },
  'generate-shortlist': { windowSeconds: 300, max: 10, keys: ['ip'] },
  'create-organisation': { windowSeconds: 3600, max: 20, keys: ['user'] },
  // New: guessing invitation tokens is pointless at 256 bits, but attempts are still bounded.
  'redeem-invitation': { windowSeconds: 60, max: 10, keys: ['ip'] },
  'start-candidate-invitation': { windowSeconds: 60, max: 10, keys: ['user'] },
};

export type RateLimitKey = 'ip' | 'user';

interface LimitedRequest {
  hits: BucketHit[];
  max: number;
  retryAfterSeconds: number;
}

/** How often an instance writes the hits it admitted on its own. */
const FLUSH_INTERVAL_MS = 1000;

/**
 * Fixed-window counters kept in the database, so every instance of the app shares one count. Most requests are
 * decided from this instance's ledger (shared/http/rate-limit-ledger.ts) without a round trip; the hits it admits
 * that way are written about once a second, and every request near a limit is counted before it goes on.
 */
export class RateLimiter {
  readonly #rules: Record<string, Rule>;
  readonly #ledger = new RateLimitLedger();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> | undefined;
  #closed = false;

  constructor(
    private readonly dialect: SqlDialectName,
    overrides: Record<string, RateLimitRule>,
    /** Where the periodic flush writes, in its own short platform scope. */
    private readonly counting: DbScope,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.#rules = { ...DEFAULT_RATE_LIMITS };
    for (const [name, rule] of Object.entries(overrides)) {
      this.#rules[name] = { ...rule, keys: rule.keys ?? this.#rules[name]?.keys ?? ['ip'] };
    }
  }

  ruleFor(name: string): Rule | undefined {
    return this.#rules[name];
  }

  /**
   * Counts the request against `name`'s limit for each key kind the rule names (the others are ignored); throws
   * RateLimitedError when any is past the limit. When the ledger cannot admit it, all its buckets are counted in
   * one statement on the caller's connection, so a request never needs a second one for its limits.
   */
  async consume(db: Db, name: string, keys: Partial<Record<RateLimitKey, string>>): Promise<void> {
    const request = this.#request(name, keys);
    if (request && !this.#admitted(request)) await this.#countNow(db, request);
  }

  /** The same, for a caller that holds no connection: one is taken from `scope` only when the ledger cannot decide. */
  async consumeIn(scope: DbScope, name: string, keys: Partial<Record<RateLimitKey, string>>): Promise<void> {
    const request = this.#request(name, keys);
    if (request && !this.#admitted(request)) await scope.run((db) => this.#countNow(db, request));
  }

  /** Writes the hits admitted without a round trip; the timer calls it, and `close` before the app stops. */
  async flush(): Promise<void> {
    this.#flushing ??= (async () => {
      for (const batch of this.#ledger.claimPending(Math.floor(this.now() / 1000))) {
        await this.#counted(batch, (work) => this.counting.run(work)).catch((error: unknown) => this.log.warn('rate limit flush failed; retried with the next', { error: errorSummary(error) }));
      }
    })().finally(() => (this.#flushing = undefined));
    return this.#flushing;
  }

  async close(): Promise<void> {
    // No flush is scheduled after this one: the connections close next.
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.flush();
  }

  /** Counts a claimed batch where `on` runs it; a batch that fails goes back to pending. */
  async #counted(batch: CountBatch, on: (work: (db: Db) => Promise<Map<string, number>>) => Promise<Map<string, number>>): Promise<Map<string, number>> {
    try {
      const counts = await on((db) => countHits(db, this.dialect, batch.increments, batch.windowStart, batch.windowEnd));
      this.#ledger.settle(batch, counts);
      return counts;
    } catch (error) {
      this.#ledger.release(batch);
      throw error;
    }
  }

  #request(name: string, keys: Partial<Record<RateLimitKey, string>>): LimitedRequest | null {
    const rule = this.#rules[name];
    if (!rule) return null;
    const nowSeconds = Math.floor(this.now() / 1000);
    const windowStart = nowSeconds - (nowSeconds % rule.windowSeconds);
    const windowEnd = windowStart + rule.windowSeconds;
    const hits = rule.keys.flatMap((kind) => (keys[kind] === undefined ? [] : [{ key: `${name}:${kind}:${keys[kind]}`, windowStart, windowEnd, max: rule.max }]));
    return hits.length === 0 ? null : { hits, max: rule.max, retryAfterSeconds: Math.max(1, windowEnd - nowSeconds) };
  }

  #admitted(request: LimitedRequest): boolean {
    if (!this.#ledger.tryAdmit(request.hits)) return false;
    this.#scheduleFlush();
    return true;
  }

  async #countNow(db: Db, request: LimitedRequest): Promise<void> {
    const counts = await this.#counted(this.#ledger.claim(request.hits), (work) => work(db));
    if ([...counts.values()].some((n) => n > request.max)) throw new RateLimitedError(request.retryAfterSeconds);
  }

  #scheduleFlush(): void {
    // One timer while hits wait, none while idle: an idle instance writes nothing and keeps no timer alive.
    if (this.#closed) return;
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      void this.flush().then(() => this.#ledger.hasPending() && this.#scheduleFlush());
    }, FLUSH_INTERVAL_MS).unref();
  }
}
