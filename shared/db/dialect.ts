import { MssqlAdapter, sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
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
export function jsonRows<DB, TB extends keyof DB, O>(db: AnyKysely, query: SelectQueryBuilder<DB, TB, O>): RawBuilder<string> {
  // T-SQL takes ORDER BY in a subquery only with OFFSET, and OFFSET only after an ORDER BY.
  if (dialectOf(db) === 'mssql' && !query.toOperationNode().orderBy) throw new Error('jsonRows needs an order by on Azure SQL');
  const rows = dialectOf(db) === 'mssql' ? mssqlJsonArrayFrom(query.offset(0)) : sqliteJsonArrayFrom(query);
  return rows as unknown as RawBuilder<string>;
}

export function readJsonRows<O>(value: string | null): O[] {
  return value === null ? [] : (JSON.parse(value) as O[]);
}

/** A jsonTable column that holds JSON (an array or object), stored as its text. */
export const JSON_COLUMN = 'json';

/**
 * Rows sent as one JSON parameter and read back as a table: jsonb_each on SQLite (values take the target
 * column's affinity), OPENJSON typed by `columns` (T-SQL types, or JSON_COLUMN) on Azure SQL. Each row travels
 * as an array in the order of `columns`. A batch is then one short statement however many rows it holds; an
 * insert's VALUES list compiles and binds a parameter per value, at most 2,100 a statement on Azure SQL.
 */
export function jsonTable<O extends object>(db: AnyKysely, rows: readonly O[], columns: { [K in keyof O & string]: string }): RawBuilder<O> {
  const names = Object.keys(columns) as Array<keyof O & string>;
  const json = JSON.stringify(rows.map((row) => names.map((name) => row[name])));
  const path = (i: number) => sql.raw(`'$[${i}]'`);
  if (dialectOf(db) === 'mssql') {
    const column = (name: keyof O & string, i: number) =>
      columns[name] === JSON_COLUMN ? sql`${sql.ref(name)} nvarchar(max) ${path(i)} as json` : sql`${sql.ref(name)} ${sql.raw(columns[name])} ${path(i)}`;
    return sql<O>`openjson(${json}) with (${sql.join(names.map(column))})`;
  }
  // jsonb_each hands each row over parsed (binary JSON), so json_extract does not parse its text again: half the
  // time of json_each. json_extract gives an array or object as its JSON text, anything else as an SQL value.
  return sql<O>`(select ${sql.join(names.map((name, i) => sql`json_extract(value, ${path(i)}) as ${sql.ref(name)}`))} from jsonb_each(${json}))`;
}
