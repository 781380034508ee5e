import type { SqlDialectName } from '../../shared/db/column-types';

/**
 * How many rows one INSERT carries. Azure SQL takes at most 2,100 parameters per request (we stay at 2,000 to
 * leave room) and 1,000 rows per VALUES list; SQLite takes 32,766 parameters. One row binds one parameter per column.
 */
const PARAMETER_BUDGET: Record<SqlDialectName, number> = { mssql: 2000, sqlite: 32_766 };
const MAX_ROWS_PER_VALUES = 1000;

export function rowsPerInsert(dialect: SqlDialectName, columns: number): number {
  return Math.max(1, Math.min(MAX_ROWS_PER_VALUES, Math.floor(PARAMETER_BUDGET[dialect] / Math.max(1, columns))));
}

/** Ids per `where id in (...)` lookup: one parameter each. */
export function idsPerLookup(dialect: SqlDialectName): number {
  return Math.min(MAX_ROWS_PER_VALUES, PARAMETER_BUDGET[dialect]);
}

/** Source rows read, mapped and committed together: one transaction and one checkpoint per page. */
export const DEFAULT_PAGE_ROWS = 2000;
