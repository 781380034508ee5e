/**
 * This instance's view of the shared rate-limit counters, so that most requests are decided without a round trip.
 *
 * For each bucket's current window it keeps the shared count as last read (`known`), the hits it admitted
 * without counting them yet (`pending`) and those being counted now (`sending`). A hit is admitted locally only
 * while the bucket has been read before and the window is well under its limit; every other hit (a bucket this
 * instance has not seen, or one past half its limit) is counted in the database before the request goes on,
 * together with the bucket's pending hits, which keeps the count exact near the limit. Pending hits are written
 * in one statement about once a second (`RateLimiter.flush`).
 *
 * One instance is exact: its own hits are all in `known + sending + pending`. Across instances, a window can let
 * through at most `localAllowance(max)` hits per instance per flush beyond its limit, when each instance's last
 * read is older than the others' hits; docs/api.md says so.
 */
export interface BucketHit {
  key: string;
  windowStart: number;
  windowEnd: number;
  max: number;
}

interface Entry {
  windowStart: number;
  windowEnd: number;
  known: number;
  pending: number;
  sending: number;
}

/** Hits an instance may admit on its own between two counts of a bucket: a tenth of the limit. */
export function localAllowance(max: number): number {
  return Math.floor(max / 10);
}

/** Buckets kept at most: an address spraying requests must not grow the map without bound. */
const MAX_BUCKETS = 50_000;

/** Buckets counted in one statement at most: Azure SQL takes 2,100 parameters a request, and each bucket uses 3. */
export const MAX_BUCKETS_PER_COUNT = 500;

export interface CountBatch {
  windowStart: number;
  windowEnd: number;
  increments: Map<string, number>;
}

export class RateLimitLedger {
  readonly #entries = new Map<string, Entry>();

  /** Admits every hit locally, or none (then the caller counts them all with `claim`). */
  tryAdmit(hits: readonly BucketHit[]): boolean {
    const entries = hits.map((hit) => this.#current(hit));
    const local = hits.every((hit, i) => {
      const entry = entries[i];
      return entry !== undefined && entry.pending < localAllowance(hit.max) && (entry.known + entry.sending + entry.pending + 1) * 2 <= hit.max;
    });
    if (!local) return false;
    for (const entry of entries) (entry as Entry).pending++;
    return true;
  }

  hasPending(): boolean {
    for (const entry of this.#entries.values()) if (entry.pending > 0) return true;
    return false;
  }

  /** This request's hits and the buckets' pending ones, to be counted now; `settle` or `release` afterwards. */
  claim(hits: readonly BucketHit[]): CountBatch {
    const first = hits[0] as BucketHit;
    const increments = new Map<string, number>();
    for (const hit of hits) {
      const entry = this.#current(hit) ?? this.#create(hit);
      increments.set(hit.key, 1 + entry.pending);
      entry.sending += 1 + entry.pending;
      entry.pending = 0;
    }
    return { windowStart: first.windowStart, windowEnd: first.windowEnd, increments };
  }

  /**
   * Every bucket's pending hits, grouped by window in statements of at most MAX_BUCKETS_PER_COUNT, to be counted
   * by the periodic flush. A bucket quiet for a whole
   * window after its own is forgotten; one seen in the last window is kept, so a client that keeps coming is not
   * counted in the database again at each new window.
   */
  claimPending(now: number): CountBatch[] {
    const batches: CountBatch[] = [];
    // By window start and end: rules of different lengths can start together, and the end is what the purge reads.
    const open = new Map<string, CountBatch>();
    for (const [key, entry] of this.#entries) {
      if (entry.pending === 0) {
        if (entry.sending === 0 && entry.windowEnd + (entry.windowEnd - entry.windowStart) <= now) this.#entries.delete(key);
        continue;
      }
      const window = `${entry.windowStart}-${entry.windowEnd}`;
      let batch = open.get(window);
      if (!batch || batch.increments.size >= MAX_BUCKETS_PER_COUNT) {
        batch = { windowStart: entry.windowStart, windowEnd: entry.windowEnd, increments: new Map() };
        open.set(window, batch);
        batches.push(batch);
      }
      batch.increments.set(key, entry.pending);
      entry.sending += entry.pending;
      entry.pending = 0;
    }
    return batches;
  }

  /** The database counted the batch: what it returned is each bucket's shared count. */
  settle(batch: CountBatch, counts: Map<string, number>): void {
    for (const [key, sent] of batch.increments) {
      const entry = this.#entries.get(key);
      if (!entry || entry.windowStart !== batch.windowStart) continue;
      entry.sending -= sent;
      entry.known = Math.max(entry.known, (counts.get(key) ?? 0) - entry.sending);
    }
  }

  /** Counting failed: the hits go back to pending, to be sent again. */
  release(batch: CountBatch): void {
    for (const [key, sent] of batch.increments) {
      const entry = this.#entries.get(key);
      if (!entry || entry.windowStart !== batch.windowStart) continue;
      entry.sending -= sent;
      entry.pending += sent;
    }
  }

  /**
   * The bucket's entry for the hit's window. A bucket seen in an earlier window starts the new one at zero without
   * a read (its next flush corrects that within a second); what was not yet written of the old window is dropped,
   * as it can no longer limit anything.
   */
  #current(hit: BucketHit): Entry | undefined {
    const entry = this.#entries.get(hit.key);
    if (!entry || entry.windowStart === hit.windowStart) return entry;
    if (entry.windowStart > hit.windowStart) return undefined;
    Object.assign(entry, { windowStart: hit.windowStart, windowEnd: hit.windowEnd, known: 0, pending: 0, sending: 0 });
    return entry;
  }

  #create(hit: BucketHit): Entry {
    // The oldest bucket goes: at worst its few uncounted hits are never counted.
    if (this.#entries.size >= MAX_BUCKETS) this.#entries.delete(this.#entries.keys().next().value as string);
    const entry = { windowStart: hit.windowStart, windowEnd: hit.windowEnd, known: 0, pending: 0, sending: 0 };
    this.#entries.set(hit.key, entry);
    return entry;
  }
}
