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

/** docs/frontend-migration.md maps every data need of the frontend to a served endpoint (issue 13's "done when"). */
describe('docs/frontend-migration.md', () => {
  const doc = readFileSync(join(__dirname, '..', 'docs', 'frontend-migration.md'), 'utf8');
  const table = doc.slice(doc.indexOf('| page or hook | before | now |'));
  const rows = table
    .split('\n')
    .slice(2)
    .filter((line) => line.startsWith('|'))
    .map((line) => line.split(' | ').map((cell) => cell.replace(/^\| ?| ?\|$/g, '')));
  /** The intended fixes: what the client did that the platform now does itself, so nothing serves it to the client. */
  const INTENDED_FIXES = ['completion page (candidate)'];
  const routes = allFunctions.flatMap((f) => (f.kind === 'http' && !f.hidden ? [`/api/${f.route}`.replace(/\{[^}]*\}/g, '{}')] : []));

  it('has the table, and no row left not served or partly served', () => {
    expect(rows.length).toBeGreaterThan(20);
    expect(doc).not.toMatch(/not served|partly served/i);
  });

  it.each(rows.map((row) => [row[0] ?? '', row[2] ?? '']))('serves "%s" with an endpoint, or is an intended fix', (need, now) => {
    if (now.startsWith('removed')) {
      expect(INTENDED_FIXES).toContain(need);
      return;
    }
    const paths = [...now.matchAll(/`(?:[A-Z]+(?:\/[A-Z]+)* )?(\/api\/[^`?\s]+)/g)].map((m) => m[1] as string).filter((path) => !path.includes(','));
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) expect({ path, served: routes.includes(path.replace(/\{[^}]*\}/g, '{}')) }).toEqual({ path, served: true });
  });
});
