import { parseSchedule } from '../../scripts/local-host/ncrontab';

const at = (iso: string) => new Date(iso);

describe('NCRONTAB schedules (UTC)', () => {
  it('matches a daily schedule at 16:00:00 UTC and no other second', () => {
    const schedule = parseSchedule('0 0 16 * * *');
    expect(schedule.matches(at('2026-06-01T16:00:00Z'))).toBe(true);
    expect(schedule.matches(at('2026-06-01T16:00:01Z'))).toBe(false);
    expect(schedule.matches(at('2026-06-01T02:00:00Z'))).toBe(false);
  });

  it('supports steps, ranges and lists', () => {
    const schedule = parseSchedule('0 */15 9-17 * * 1-5');
    expect(schedule.matches(at('2026-11-25T09:45:00Z'))).toBe(true); // a Wednesday
    expect(schedule.matches(at('2026-11-25T09:50:00Z'))).toBe(false);
    expect(schedule.matches(at('2026-11-29T09:45:00Z'))).toBe(false); // a Sunday
    expect(parseSchedule('30 5,35 * * * *').matches(at('2026-11-25T00:35:30Z'))).toBe(true);
  });

  it.each(['* * * * *', '61 * * * * *', '* * 24 * * *', '*/0 * * * * *', 'a b c d e f'])('rejects %p', (expression) => {
    expect(() => parseSchedule(expression)).toThrow(/NCRONTAB/);
  });
});
