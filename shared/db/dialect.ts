import { MssqlAdapter, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import { jsonArrayFrom as mssqlJsonArrayFrom } from 'kysely/helpers/mssql';
import { jsonArrayFrom as sqliteJsonArrayFrom } from 'kysely/helpers/sqlite';
import type { SqlDialectName } from './column-types';

/** Any Kysely instance, whatever its tables (a query's joins widen them; the executor is the same). */
type AnyKysely = Pick<Kysely<unknown>, 'getExecutor'>;

export function dialectOf(db: AnyKysely): SqlDialectName {
  return db.getExecutor().adapter instanceof MssqlAdapter ? 'mssql' : 'sqlite';
}

/** The first n rows: TOP on Azure SQL (Kysely's limit() is not T-SQL), LIMIT on SQLite. */
export function firstRows<DB, TB extends keyof DB, O>(
  db: AnyKysely,
  query: SelectQueryBuilder<DB, TB, O>,
  n: number,
): SelectQueryBuilder<DB, TB, O> {
  return dialectOf(db) === 'mssql' ? query.top(n) : query.limit(n);
}

/**
 * A subquery's rows as one JSON array column (text), so a parent row and its children come back in one round
 * trip. Azure SQL needs OFFSET to order a subquery; SQLite refuses OFFSET without LIMIT. Parse with readJsonRows.
 */
export function jsonRows<DB, TB extends keyof DB, O>(db: Kysely<DB>, query: SelectQueryBuilder<DB, TB, O>): RawBuilder<string> {
  const rows = dialectOf(db) === 'mssql' ? mssqlJsonArrayFrom(query.offset(0)) : sqliteJsonArrayFrom(query);
  return rows as unknown as RawBuilder<string>;
}

export function readJsonRows<O>(value: string | null): O[] {
  return value === null ? [] : (JSON.parse(value) as O[]);
}
