import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INPUTS } from '../../scripts/capacity/inputs';
import { capacityTable } from '../../scripts/capacity/model';

/** docs/capacity.md shows what scripts/capacity computes from its inputs: change an input, and the doc must follow. */
describe('docs/capacity.md', () => {
  const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'capacity.md'), 'utf8');
  const table = /<!-- capacity table: npm run capacity -->\n([\s\S]*?)\n<!-- end of capacity table -->/.exec(doc)?.[1];

  it('carries the table npm run capacity prints', () => {
    expect(table).toBe(capacityTable(INPUTS));
  });

  it('cites a source for every input', () => {
    for (const input of Object.values(INPUTS)) expect(input.source.length).toBeGreaterThan(10);
    expect(doc).toContain('scripts/capacity/inputs.ts');
  });
});
