import { allFunctions } from '../../functions/catalogue';
import { parseSchedule } from '../../scripts/local-host/ncrontab';

const FIFTEEN_MINUTES = 15 * 60;

/** The shortest gap, in seconds, between two occurrences of a schedule over two days (every second tried). */
function shortestGapSeconds(schedule: string): number {
  const parsed = parseSchedule(schedule);
  const start = Date.UTC(2026, 0, 5) / 1000;
  let previous: number | null = null;
  let shortest = Infinity;
  for (let second = start; second < start + 2 * 86_400; second++) {
    if (!parsed.matches(new Date(second * 1000))) continue;
    if (previous !== null) shortest = Math.min(shortest, second - previous);
    previous = second;
  }
  return shortest;
}

/** An idle deployment must let Azure SQL serverless pause: no timer may run (and touch the database) more often. */
describe('timer schedules', () => {
  const timers = allFunctions.flatMap((f) => (f.kind === 'timer' ? [[f.name, f.schedule] as const] : []));

  it('has timers to check', () => {
    expect(timers.length).toBeGreaterThanOrEqual(4);
  });

  it.each(timers)('%s (%s) runs no more often than every 15 minutes', (_name, schedule) => {
    expect(shortestGapSeconds(schedule)).toBeGreaterThanOrEqual(FIFTEEN_MINUTES);
  });

  it('measures a too-frequent schedule as such', () => {
    expect(shortestGapSeconds('0 */5 * * * *')).toBe(300);
    expect(shortestGapSeconds('0 0 */2 * * *')).toBe(7200);
  });
});
