import { sql, type Kysely, type Migration } from 'kysely';
import type { ColumnTypes } from '../column-types';

/**
 * `uq_organisations_creator_name` stops one user creating two organisations of the same name. SQL Server's unique
 * constraints treat NULLs as equal, so once two organisations lost their creator (an erased account, migrated
 * data) they could not share a name there, though they can on SQLite. A filtered unique index keeps the rule for
 * known creators on Azure SQL; SQLite's constraint already ignores NULLs, so it stays as it is.
 */
export function nullableUniqueKeys(types: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (types.dialect !== 'mssql') return;
      await db.schema.alterTable('organisations').dropConstraint('uq_organisations_creator_name').execute();
      await sql`CREATE UNIQUE INDEX uq_organisations_creator_name ON organisations (created_by, name_key) WHERE created_by IS NOT NULL`.execute(db);
    },
  };
}
