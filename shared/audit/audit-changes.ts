/**
 * What an audit row keeps of a change: the fields that changed, with their old and new values, except personal
 * data, which is recorded only as having changed. Long texts are cut, so no full document lands in the log.
 */
const MAX_VALUE_LENGTH = 200;
export const CHANGED = '(changed)';

function minimise(value: unknown): unknown {
  if (typeof value === 'string' && value.length > MAX_VALUE_LENGTH) return `${value.slice(0, MAX_VALUE_LENGTH)}…`;
  if (value !== null && typeof value === 'object') {
    const json = JSON.stringify(value);
    return json.length > MAX_VALUE_LENGTH ? CHANGED : value;
  }
  return value;
}

export interface AuditDiff {
  old_values: Record<string, unknown>;
  new_values: Record<string, unknown>;
}

export function diffForAudit<T extends object>(
  before: T,
  after: Partial<T>,
  personalFields: ReadonlyArray<keyof T> = [],
): AuditDiff | null {
  const diff: AuditDiff = { old_values: {}, new_values: {} };
  for (const key of Object.keys(after) as Array<keyof T & string>) {
    const next = after[key];
    if (next === undefined || JSON.stringify(before[key]) === JSON.stringify(next)) continue;
    const personal = personalFields.includes(key);
    diff.old_values[key] = personal ? CHANGED : minimise(before[key]);
    diff.new_values[key] = personal ? CHANGED : minimise(next);
  }
  return Object.keys(diff.new_values).length > 0 ? diff : null;
}
