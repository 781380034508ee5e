import { sql, type Kysely, type Migration } from 'kysely';
import type { ColumnTypes } from '../column-types';
import { addToPolicy } from './0006-row-level-security-runtime';

/**
 * A shortlist run no longer holds every applicant's entry until it stores the list (issue 18, docs/performance.md):
 * it writes each scored chunk here under its own run id, and one short transaction then copies the run, ranked, into
 * shortlist_entries in place of the role's previous list. Readers only read shortlist_entries, so they see the
 * previous list or the new one, never a run half written. Rows left by a run that died are swept by a later run of
 * the role (created_at). No JSON or stage checks here: the copy into shortlist_entries checks every row.
 * Row-level security as for shortlist_entries: staff of the application's organisation, for its own role.
 */
export function shortlistStaging(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('shortlist_staging_entries')
        .addColumn('run_id', t.uuid, (c) => c.notNull())
        .addColumn('application_id', t.uuid, (c) => c.notNull())
        .addColumn('job_role_id', t.uuid, (c) => c.notNull())
        .addColumn('match_score', t.decimal(5, 2), (c) => c.notNull())
        .addColumn('deterministic_score', t.decimal(5, 2), (c) => c.notNull())
        .addColumn('match_reasons', t.json, (c) => c.notNull())
        .addColumn('stage', t.text(20), (c) => c.notNull())
        .addColumn('provider', t.text(20), (c) => c.notNull())
        .addColumn('prompt_version', t.text(50))
        .addColumn('skills', t.json, (c) => c.notNull())
        .addColumn('experience', t.text(300))
        .addColumn('shown_sections', t.json, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('pk_shortlist_staging_entries', ['run_id', 'application_id'])
        .addForeignKeyConstraint('fk_shortlist_staging_entries_application', ['application_id'], 'applications', ['id'], (fk) => fk.onDelete('cascade'))
        .execute();
      // The sweep of a role's runs that died.
      await db.schema.createIndex('ix_shortlist_staging_entries_job_role_id').on('shortlist_staging_entries').columns(['job_role_id', 'created_at']).execute();

      if (t.dialect !== 'mssql') return;
      const predicate = 'fn_shortlist_access(application_id, job_role_id)';
      await sql.raw(addToPolicy({ table: 'shortlist_staging_entries', filter: predicate, blocks: [[predicate, ['AFTER INSERT', 'AFTER UPDATE']]] })).execute(db);
    },
  };
}
