/** Normalises what the two drivers hand back (Date or ISO text, bit or 0/1) into the domain's shapes. */

export function readTimestamp(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

export function readNullableTimestamp(value: Date | string | null): string | null {
  return value === null ? null : readTimestamp(value);
}

export function readDate(value: Date | string): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : value.slice(0, 10);
}

export function readBoolean(value: boolean | number): boolean {
  return value === true || value === 1;
}

export function readJson<T>(value: string | null): T | null {
  return value === null ? null : (JSON.parse(value) as T);
}

export function readNumber(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}
