/**
 * Turns what node-postgres hands over into the target's values: timestamps as UTC Dates cut to milliseconds
 * (datetime2(3)), dates as YYYY-MM-DD, numerics as numbers, jsonb as JSON text, enums checked against the value
 * sets the target's CHECK constraints are built from. Every change of a value is reported as a note.
 */
export type SourceRow = Record<string, unknown>;

export class RowNotes {
  readonly notes: string[] = [];
  add(note: string): void {
    this.notes.push(note);
  }
}

export function text(row: SourceRow, column: string): string | null {
  const value = row[column];
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : String(value);
}

export function requiredText(row: SourceRow, column: string): string {
  const value = text(row, column);
  if (value === null) throw new Error(`${column} is null`);
  return value;
}

/** Text the target holds in a column of `max` characters: longer values are cut (and noted), not refused by Azure SQL. */
export function boundedText(row: SourceRow, column: string, max: number, notes: RowNotes): string | null {
  const value = text(row, column);
  if (value === null || [...value].length <= max) return value;
  notes.add(`${column} cut to ${max} characters`);
  return [...value].slice(0, max).join('');
}

export function timestamp(row: SourceRow, column: string): Date | null {
  const value = row[column];
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) throw new Error(`${column} is not a timestamp`);
  // Postgres keeps microseconds; datetime2(3) and our ISO text keep milliseconds.
  return new Date(Math.floor(date.getTime()));
}

export function requiredTimestamp(row: SourceRow, column: string): Date {
  const value = timestamp(row, column);
  if (value === null) throw new Error(`${column} is null`);
  return value;
}

/** `date` columns are read as text by the source reader, so no time zone can shift them. */
export function dateOnly(row: SourceRow, column: string): string | null {
  const value = text(row, column);
  return value === null ? null : value.slice(0, 10);
}

export function number(row: SourceRow, column: string): number | null {
  const value = row[column];
  if (value === null || value === undefined) return null;
  const parsed = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

/** A number the target constrains to a range and a number of decimals; outside the range it becomes null. */
export function boundedNumber(row: SourceRow, column: string, range: { min: number; max: number; decimals: number }, notes: RowNotes): number | null {
  const value = number(row, column);
  if (value === null) return null;
  if (value < range.min || value > range.max) {
    notes.add(`${column} outside ${range.min}..${range.max} dropped`);
    return null;
  }
  const factor = 10 ** range.decimals;
  const rounded = Math.round(value * factor) / factor;
  if (rounded !== value) notes.add(`${column} rounded to ${range.decimals} decimals`);
  return rounded;
}

export function bool(row: SourceRow, column: string): boolean {
  return row[column] === true;
}

/** jsonb arrives parsed; the target stores JSON text. */
export function json(row: SourceRow, column: string): string | null {
  const value = row[column];
  return value === null || value === undefined ? null : JSON.stringify(value);
}

export function jsonOr(row: SourceRow, column: string, fallback: string): string {
  return json(row, column) ?? fallback;
}

/**
 * A value of a closed set: matched without regard to case and surrounding spaces; anything else becomes
 * `fallback` (null, or a default the target allows) and is noted.
 */
export function oneOf<T extends string, F extends T | null>(
  row: SourceRow,
  column: string,
  values: readonly T[],
  fallback: F,
  notes: RowNotes,
): T | F {
  const value = text(row, column);
  if (value === null) return fallback;
  const normalised = value.trim().toLowerCase();
  const match = values.find((v) => v === normalised);
  if (match === undefined) {
    notes.add(`${column} '${value.slice(0, 40)}' not in ${values.join('|')}`);
    return fallback;
  }
  if (match !== value) notes.add(`${column} normalised`);
  return match;
}
