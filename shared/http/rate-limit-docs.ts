import { DEFAULT_RATE_LIMITS } from './rate-limiter';

export const KEY_WORDS = { ip: 'IP', user: 'user' } as const;

/** One rate limit in words, as the OpenAPI 429 and docs/api.md say it (both rendered from DEFAULT_RATE_LIMITS). */
export function describeRateLimit(functionName: string): string | null {
  const rule = DEFAULT_RATE_LIMITS[functionName];
  if (!rule) return null;
  return `At most ${rule.max} calls per ${rule.windowSeconds} s, counted per ${countedPer(rule.keys)}; see Retry-After.`;
}

export function countedPer(keys: ReadonlyArray<keyof typeof KEY_WORDS>): string {
  return keys.map((key) => KEY_WORDS[key]).join(' and ');
}
