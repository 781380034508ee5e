import type { RateLimitRule } from '../config/settings';
import type { SqlDialectName } from '../db/column-types';
import type { Db } from '../db/database';
import { countHits } from '../db/repositories/rate-limit-counters';
import { RateLimitedError } from '../errors';

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

/** Fixed-window counters kept in the database, so every instance of the app shares one count. */
export class RateLimiter {
  readonly #rules: Record<string, Rule>;

  constructor(
    private readonly dialect: SqlDialectName,
    overrides: Record<string, RateLimitRule>,
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
   * Counts the request against `name`'s limit for each key kind the rule names (the others are ignored), all in
   * one statement; throws RateLimitedError when any is past the limit. Runs on the caller's connection, so a
   * request never needs a second one for its limits.
   */
  async consume(db: Db, name: string, keys: Partial<Record<RateLimitKey, string>>): Promise<void> {
    const rule = this.#rules[name];
    if (!rule) return;
    const buckets = rule.keys.flatMap((kind) => (keys[kind] === undefined ? [] : [`${name}:${kind}:${keys[kind]}`]));
    if (buckets.length === 0) return;
    const nowSeconds = Math.floor(this.now() / 1000);
    const windowStart = nowSeconds - (nowSeconds % rule.windowSeconds);
    const windowEnd = windowStart + rule.windowSeconds;
    const hits = await countHits(db, this.dialect, buckets, windowStart, windowEnd);
    if ([...hits.values()].some((n) => n > rule.max)) throw new RateLimitedError(Math.max(1, windowEnd - nowSeconds));
  }
}
