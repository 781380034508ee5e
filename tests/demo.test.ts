import { runDemo } from '../scripts/demo';
import { baseUrl, dataDir } from './support/api';

/** `npm run demo`, end to end against the suite's local host: the product's whole flow works together. */
describe('npm run demo', () => {
  it('runs from a new organisation to a verified interview score', async () => {
    const lines: string[] = [];
    const outcome = await runDemo({ baseUrl: baseUrl(), dataDir: dataDir(), issuerPort: Number(process.env.LOCAL_HOST_PORT), log: (line) => lines.push(line), write: () => undefined });
    expect(outcome.turns).toBeGreaterThanOrEqual(4);
    expect(outcome.overallScore).toEqual(expect.any(Number));
    expect(lines.join('\n')).toMatch(/Requirements extracted \(offline\)/);
    expect(lines.join('\n')).toMatch(/dimensions backed by quotes verified/);
    expect(lines.join('\n')).toMatch(/practice feedback done: overall \d/);
  }, 60_000);
});
