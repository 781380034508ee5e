import { sql, type Kysely, type Migration } from 'kysely';
import type { ColumnTypes } from '../column-types';

/**
 * Privacy in practice: a per-organisation transcript retention next to the recording one (both bounded to
 * 30–365 days from now on), and job leases so only one retention run works at a time across instances.
 */
export function privacyRetention(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('organisations')
        .addColumn('transcript_retention_days', t.integer, (c) => c.notNull().defaultTo(365))
        .execute();
      // SQLite cannot add a constraint to an existing table; the service enforces the bounds on update there too.
      if (t.dialect === 'mssql') {
        await db.schema
          .alterTable('organisations')
          .addCheckConstraint('ck_organisations_transcript_retention', sql`transcript_retention_days between 30 and 365`)
          .execute();
      }

      await db.schema
        .createTable('job_leases')
        .addColumn('name', t.text(100), (c) => c.primaryKey().notNull())
        .addColumn('holder', t.uuid, (c) => c.notNull())
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .execute();
    },
  };
}
