/** Dates as resumes write them ("Mar 2020", "March 2020", "03/2020", "2020"), as YYYY-MM-DD. */
const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6, jul: 7,
  july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12,
  december: 12,
};

const MONTH_NAME = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');
const DATE = `(?:(?:${MONTH_NAME})\\.?,?\\s+\\d{4}|\\d{1,2}[/.]\\d{4}|\\d{4})`;
const OPEN_END = 'present|current|now|today|ongoing|date|current role';
const RANGE = new RegExp(`\\b(${DATE})\\s*(?:-|–|—|to|until|till|through)\\s*(${DATE}|${OPEN_END})(?![\\d/])`, 'i');
const SINGLE = new RegExp(`\\b(${DATE})(?![\\d/])`, 'i');

const EARLIEST_YEAR = 1950;
const LATEST_YEAR = 2100;

export interface DateRange {
  start_date: string;
  end_date: string | null;
  is_current: boolean;
  /** The range as written, so callers can cut it out of the line. */
  text: string;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function toIsoDate(written: string): string | null {
  const text = written.toLowerCase().replace(/[.,]/g, ' ').replace(/\s+/g, ' ').trim();
  let year: number;
  let month = 1;
  const named = /^([a-z]+) (\d{4})$/.exec(text);
  const numeric = /^(\d{1,2})[/ ](\d{4})$/.exec(text);
  if (named?.[1] && named[2]) {
    const m = MONTHS[named[1]];
    if (!m) return null;
    month = m;
    year = Number(named[2]);
  } else if (numeric?.[1] && numeric[2]) {
    month = Number(numeric[1]);
    year = Number(numeric[2]);
  } else if (/^\d{4}$/.test(text)) {
    year = Number(text);
  } else {
    return null;
  }
  if (year < EARLIEST_YEAR || year > LATEST_YEAR || month < 1 || month > 12) return null;
  return `${year}-${pad(month)}-01`;
}

/** The first "start – end" range in a line; an open end ("Present") makes it current. */
export function findDateRange(line: string): DateRange | null {
  const match = RANGE.exec(line);
  if (!match?.[1] || !match[2]) return null;
  const start = toIsoDate(match[1]);
  if (!start) return null;
  const open = new RegExp(`^(${OPEN_END})$`, 'i').test(match[2]);
  const end = open ? null : toIsoDate(match[2]);
  if (!open && !end) return null;
  return { start_date: start, end_date: end, is_current: open, text: match[0] };
}

/** A single date in a line ("Graduated 2015"), when the line has no range. */
export function findSingleDate(line: string): { date: string; text: string } | null {
  const match = SINGLE.exec(line);
  const date = match?.[1] ? toIsoDate(match[1]) : null;
  return match && date ? { date, text: match[0] } : null;
}

/** "(3 yrs 2 mos)", "· 4 years": how long a role lasted, as LinkedIn exports print it beside the dates. */
export const DURATION = /[(·•|,-]?\s*\b\d{1,2}\s*(?:yrs?|years?|mos?|months?)\b(?:\s*\d{1,2}\s*(?:mos?|months?)\b)?\s*\)?/gi;
