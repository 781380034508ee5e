import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allFunctions } from '../functions/catalogue';
import { withRateLimitTable } from '../scripts/docs-generate';

/** docs/api.md lists every function: a new endpoint without documentation fails here. */
describe('docs/api.md', () => {
  const doc = readFileSync(join(__dirname, '..', 'docs', 'api.md'), 'utf8');
  it.each(allFunctions.filter((f) => !(f.kind === 'http' && f.hidden)).map((f) => [f.name]))('documents %s', (name) => {
    expect(doc).toContain(`\`${name}\``);
  });

  it('states the rate limits the code enforces (npm run docs:generate renders them)', () => {
    expect(doc).toBe(withRateLimitTable(doc));
    expect(doc).toContain('| parse-resume | 60 s | 5 | IP and user |');
  });
});
