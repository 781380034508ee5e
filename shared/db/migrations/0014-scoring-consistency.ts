import { sql, type Kysely, type Migration } from 'kysely';
import type { ColumnTypes } from '../column-types';
import { addToPolicy } from './0006-row-level-security-runtime';

/**
 * Scoring consistency (issue 16): a check re-scores a sample of an organisation's finished interviews with the same
 * transcript and rubric and keeps, per interview, the stored and the new score and their bands.
 *
 * A result cascades with its interview (erasure and retention delete interviews), a check with its organisation.
 * check_id has no foreign key: a second cascade path from organisations to the results (through the check and
 * through the interview) is refused by Azure SQL; results are only ever deleted with their interview.
 */
export function scoringConsistency(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('scoring_consistency_checks')
        .addColumn('id', t.uuid, (c) => c.primaryKey().notNull())
        .addColumn('organisation_id', t.uuid, (c) => c.notNull())
        .addColumn('job_role_id', t.uuid)
        .addColumn('requested_by', t.uuid)
        .addColumn('sample_size', t.integer, (c) => c.notNull())
        .addColumn('eligible', t.integer, (c) => c.notNull())
        .addColumn('rubric_changed', t.integer, (c) => c.notNull())
        .addColumn('compared', t.integer, (c) => c.notNull())
        .addColumn('failed', t.integer, (c) => c.notNull())
        .addColumn('band_changed', t.integer, (c) => c.notNull())
        .addColumn('mean_absolute_difference', t.decimal(5, 2))
        .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
        .addForeignKeyConstraint('fk_scoring_consistency_checks_organisation', ['organisation_id'], 'organisations', ['id'], (fk) => fk.onDelete('cascade'))
        .execute();
      await db.schema
        .createIndex('ix_scoring_consistency_checks_organisation')
        .on('scoring_consistency_checks')
        .columns(['organisation_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('scoring_consistency_results')
        .addColumn('id', t.uuid, (c) => c.primaryKey().notNull())
        .addColumn('check_id', t.uuid, (c) => c.notNull())
        .addColumn('organisation_id', t.uuid, (c) => c.notNull())
        .addColumn('interview_id', t.uuid, (c) => c.notNull())
        .addColumn('outcome', t.text(20), (c) => c.notNull())
        .addColumn('original_score', t.decimal(5, 2))
        .addColumn('rescored_score', t.decimal(5, 2))
        .addColumn('original_band', t.text(20), (c) => c.notNull())
        .addColumn('rescored_band', t.text(20))
        .addColumn('band_changed', t.boolean, (c) => c.notNull())
        .addColumn('absolute_difference', t.decimal(5, 2))
        .addColumn('model_version', t.text(200))
        .addColumn('error', t.text(500))
        .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
        .addForeignKeyConstraint('fk_scoring_consistency_results_interview', ['interview_id'], 'interviews', ['id'], (fk) => fk.onDelete('cascade'))
        .addCheckConstraint('ck_scoring_consistency_results_outcome', sql`outcome in ('compared', 'failed')`)
        .addCheckConstraint('ck_scoring_consistency_results_band_changed', t.isBoolean('band_changed'))
        .addCheckConstraint('ck_scoring_consistency_results_original_band', sql`original_band in ('unscored', 'low', 'medium', 'high')`)
        .addCheckConstraint('ck_scoring_consistency_results_rescored_band', sql`rescored_band is null or rescored_band in ('unscored', 'low', 'medium', 'high')`)
        .execute();
      await db.schema.createIndex('ix_scoring_consistency_results_check').on('scoring_consistency_results').columns(['check_id']).execute();
      await db.schema.createIndex('ix_scoring_consistency_results_interview').on('scoring_consistency_results').columns(['interview_id']).execute();

      if (t.dialect !== 'mssql') return;
      // Members of the organisation read its checks; the service lets only admins run and read them.
      for (const table of ['scoring_consistency_checks', 'scoring_consistency_results']) {
        const predicate = 'fn_organisation_member(organisation_id)';
        await sql.raw(addToPolicy({ table, filter: predicate, blocks: [[predicate, ['AFTER INSERT', 'AFTER UPDATE']]] })).execute(db);
      }
    },
  };
}
