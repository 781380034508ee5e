/**
 * Six-field NCRONTAB (`second minute hour day month day-of-week`), the format of Azure Functions timer
 * schedules, evaluated in UTC as Flex Consumption does. Supports `*`, lists, ranges and steps.
 */
const FIELD_RANGES: Array<[number, number]> = [
  [0, 59],
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
];

function expandField(field: string, [min, max]: [number, number]): Set<number> {
  const values = new Set<number>();
  for (const part of field.split(',')) {
    const [rangeText = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    let [from, to] = [min, max];
    if (rangeText !== '*') {
      const [a = '', b] = rangeText.split('-');
      from = Number(a);
      to = b === undefined ? (stepText === undefined ? from : max) : Number(b);
    }
    if (![from, to, step].every(Number.isInteger) || step < 1 || from < min || to > max || from > to) {
      throw new Error(`invalid NCRONTAB field "${field}"`);
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

export interface Schedule {
  matches(date: Date): boolean;
}

export function parseSchedule(expression: string): Schedule {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 6) throw new Error(`NCRONTAB needs six fields, got "${expression}"`);
  const sets = fields.map((f, i) => expandField(f, FIELD_RANGES[i] as [number, number]));
  return {
    matches(date) {
      const parts = [
        date.getUTCSeconds(),
        date.getUTCMinutes(),
        date.getUTCHours(),
        date.getUTCDate(),
        date.getUTCMonth() + 1,
        date.getUTCDay(),
      ];
      return parts.every((value, i) => (sets[i] as Set<number>).has(value));
    },
  };
}
