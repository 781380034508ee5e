import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { z } from 'zod';
import { ValidationError } from '../errors';

/** Query parameters every list endpoint takes. */
export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(25).describe('Page size, 1 to 100.'),
  cursor: z.string().max(512).optional().describe('The next_cursor of the previous page.'),
};

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  next_cursor: string | null;
}

/** A keyset position: the sort value and the id of the last row of the previous page. */
export interface CursorPosition {
  value: string | number | null;
  id: string;
}

const CursorSchema = z.object({ value: z.union([z.string(), z.number(), z.null()]), id: z.string().max(64) });

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): CursorPosition | null {
  if (cursor === undefined) return null;
  try {
    return CursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new ValidationError('The cursor is not one this API issued.', [{ path: 'cursor', message: 'invalid cursor' }]);
  }
}

/** Builds a page from rows fetched with limit + 1: the extra row only says there is more. */
export function toPage<R, T>(rows: R[], limit: number, position: (row: R) => CursorPosition, map: (row: R) => T): Page<T> {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { items: pageRows.map(map), next_cursor: more && last ? encodeCursor(position(last)) : null };
}

/**
 * Rows after a keyset position in a newest-first list ordered by (sortColumn desc, idColumn desc). The time is
 * bound as a Date so each dialect gets it the way it stores timestamps (shared/db/parameter-values.ts).
 */
export function olderThan(sortColumn: string, idColumn: string, after: { at: Date; id: string }): RawBuilder<SqlBool> {
  const sort = sql.ref(sortColumn);
  return sql<SqlBool>`(${sort} < ${after.at} or (${sort} = ${after.at} and ${sql.ref(idColumn)} < ${after.id}))`;
}
