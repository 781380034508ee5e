import { sql, type Kysely, type Migration } from 'kysely';
import type { ColumnTypes } from '../column-types';

/**
 * The sign-up choice (issue 13): a user says once whether they came as a candidate or for an organisation; only
 * organisation users (and members by invitation) may create an organisation. Null until chosen.
 */
export function accountTypes(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const allowed = sql`account_type in ('candidate', 'organisation')`;
      if (t.dialect === 'mssql') {
        // A named constraint, as everywhere else in the T-SQL model; SQLite cannot add one to an existing table.
        await db.schema.alterTable('users').addColumn('account_type', t.text(20)).execute();
        await db.schema.alterTable('users').addCheckConstraint('ck_users_account_type', allowed).execute();
        return;
      }
      await db.schema.alterTable('users').addColumn('account_type', t.text(20), (c) => c.check(allowed)).execute();
    },
  };
}
