import { sql, type Expression, type RawBuilder } from 'kysely';

export type SqlDialectName = 'sqlite' | 'mssql';

/**
 * The deliberate type mapping of docs/database.md, one place per dialect. SQLite stores timestamps as ISO-8601
 * UTC text with milliseconds (the same text JavaScript's toISOString writes), Azure SQL as datetime2(3) in UTC.
 */
export interface ColumnTypes {
  dialect: SqlDialectName;
  uuid: Expression<unknown>;
  text(maxLength?: number): Expression<unknown>;
  timestamp: Expression<unknown>;
  date: Expression<unknown>;
  boolean: Expression<unknown>;
  integer: Expression<unknown>;
  bigint: Expression<unknown>;
  decimal(precision: number, scale: number): Expression<unknown>;
  json: Expression<unknown>;
  /** Current UTC time with millisecond precision, as a column default. */
  now: RawBuilder<unknown>;
  /** CHECK that a column holds valid JSON (NULL allowed). */
  isJson(column: string): RawBuilder<unknown>;
  /** CHECK that a boolean column holds only 0 or 1 (SQLite has no boolean type). */
  isBoolean(column: string): RawBuilder<unknown>;
}

const sqliteTypes: ColumnTypes = {
  dialect: 'sqlite',
  uuid: sql`text`,
  text: () => sql`text`,
  timestamp: sql`text`,
  date: sql`text`,
  boolean: sql`integer`,
  integer: sql`integer`,
  bigint: sql`integer`,
  decimal: () => sql`numeric`,
  json: sql`text`,
  now: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
  isJson: (column) => sql`${sql.ref(column)} is null or json_valid(${sql.ref(column)})`,
  isBoolean: (column) => sql`${sql.ref(column)} in (0, 1)`,
};

const mssqlTypes: ColumnTypes = {
  dialect: 'mssql',
  uuid: sql`uniqueidentifier`,
  text: (maxLength) => (maxLength === undefined ? sql`nvarchar(max)` : sql.raw(`nvarchar(${maxLength})`)),
  timestamp: sql`datetime2(3)`,
  date: sql`date`,
  boolean: sql`bit`,
  integer: sql`int`,
  bigint: sql`bigint`,
  decimal: (precision, scale) => sql.raw(`decimal(${precision}, ${scale})`),
  json: sql`nvarchar(max)`,
  now: sql`sysutcdatetime()`,
  isJson: (column) => sql`${sql.ref(column)} is null or isjson(${sql.ref(column)}) = 1`,
  // bit cannot hold anything else
  isBoolean: (column) => sql`${sql.ref(column)} in (0, 1)`,
};

export function columnTypesFor(dialect: SqlDialectName): ColumnTypes {
  return dialect === 'sqlite' ? sqliteTypes : mssqlTypes;
}
