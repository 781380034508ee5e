import type { CompiledQuery, DatabaseConnection, Dialect } from 'kysely';
import { withDriver, wrappedDriver } from './driver-wrapping';
import type { SqlDialectName } from './column-types';

type Convert = (value: unknown) => unknown;

const CONVERTERS: Record<SqlDialectName, Convert> = {
  /** better-sqlite3 binds neither Date nor boolean; store them as the documented text and 0/1. */
  sqlite: (value) => (value instanceof Date ? value.toISOString() : typeof value === 'boolean' ? (value ? 1 : 0) : value),
  /**
   * tedious sends a Date as `datetime` (1/300 s), which would round our milliseconds and break keyset cursors;
   * ISO-8601 text without the zone converts exactly to datetime2(3) (our values are UTC already).
   */
  mssql: (value) => (value instanceof Date ? value.toISOString().slice(0, 23) : value),
};

/**
 * Converts each statement's parameters to what the driver binds faithfully. Done on the compiled statement's
 * parameter list at the driver, not by a Kysely plugin: a plugin rebuilds the whole operation tree of every
 * query, which was a tenth of an interview turn's CPU (docs/performance.md).
 */
export function parameterValuesDialect(dialect: Dialect, name: SqlDialectName): Dialect {
  const convert = CONVERTERS[name];
  const converted = (query: CompiledQuery): CompiledQuery => ({ ...query, parameters: query.parameters.map(convert) });
  const converting = (connection: DatabaseConnection): DatabaseConnection => ({
    executeQuery: (query) => connection.executeQuery(converted(query)),
    streamQuery: (query, chunkSize) => connection.streamQuery(converted(query), chunkSize),
  });
  return withDriver(dialect, (driver) => wrappedDriver(driver, { wrap: converting }));
}
