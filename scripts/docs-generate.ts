import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { countedPer } from '../shared/http/rate-limit-docs';
import { DEFAULT_RATE_LIMITS } from '../shared/http/rate-limiter';

const RATE_LIMIT_TABLE_START = '<!-- rate limits: rendered from DEFAULT_RATE_LIMITS by npm run docs:generate -->';
const RATE_LIMIT_TABLE_END = '<!-- end of rate limits -->';

/** The rate-limit table of docs/api.md, between its markers. */
function rateLimitTable(): string {
  const rows = Object.entries(DEFAULT_RATE_LIMITS).map(
    ([name, rule]) => `  | ${name} | ${rule.windowSeconds} s | ${rule.max} | ${countedPer(rule.keys)} |`,
  );
  return [RATE_LIMIT_TABLE_START, '  | function | window | max | counted per |', '  |---|---|---|---|', ...rows, `  ${RATE_LIMIT_TABLE_END}`].join('\n');
}

/** docs/api.md with its rate-limit table replaced by the rendering of the code's limits. */
export function withRateLimitTable(markdown: string): string {
  const start = markdown.indexOf(RATE_LIMIT_TABLE_START);
  const end = markdown.indexOf(RATE_LIMIT_TABLE_END);
  if (start < 0 || end < start) throw new Error('docs/api.md has lost its rate-limit table markers.');
  return `${markdown.slice(0, start)}${rateLimitTable()}${markdown.slice(end + RATE_LIMIT_TABLE_END.length)}`;
}

/** `npm run docs:generate`: renders what docs/api.md states from the code (the rate limits), so the two cannot drift. */
if (require.main === module) {
  const file = join(__dirname, '..', '..', 'docs', 'api.md');
  writeFileSync(file, withRateLimitTable(readFileSync(file, 'utf8')));
  console.log('docs/api.md: rate limits rendered');
}
