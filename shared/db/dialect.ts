import { MssqlAdapter, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { SqlDialectName } from './column-types';

export function dialectOf<T>(db: Kysely<T>): SqlDialectName {
  return db.getExecutor().adapter instanceof MssqlAdapter ? 'mssql' : 'sqlite';
}

/** The first n rows: TOP on Azure SQL (Kysely's limit() is not T-SQL), LIMIT on SQLite. */
export function firstRows<DB, TB extends keyof DB, O>(
  db: Kysely<DB>,
  query: SelectQueryBuilder<DB, TB, O>,
  n: number,
): SelectQueryBuilder<DB, TB, O> {
  return dialectOf(db) === 'mssql' ? query.top(n) : query.limit(n);
}
