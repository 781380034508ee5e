import { sql, type Kysely, type Migration } from 'kysely';
import type { ColumnTypes } from '../column-types';

/**
 * AI usage metering per organisation and task; persisted shortlist results (so a recruiter sees the same list
 * later without a model call); resume provenance, so re-parsing the same file changes nothing and fields the
 * candidate edited by hand are not overwritten.
 */
export function aiAndShortlist(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('ai_usage')
        .addColumn('id', t.uuid, (c) => c.primaryKey().notNull())
        .addColumn('organisation_id', t.uuid)
        .addColumn('task', t.text(50), (c) => c.notNull())
        .addColumn('provider', t.text(20), (c) => c.notNull())
        .addColumn('model', t.text(100), (c) => c.notNull())
        .addColumn('prompt_version', t.text(50), (c) => c.notNull())
        .addColumn('outcome', t.text(20), (c) => c.notNull())
        .addColumn('prompt_tokens', t.integer, (c) => c.notNull().defaultTo(0))
        .addColumn('completion_tokens', t.integer, (c) => c.notNull().defaultTo(0))
        .addColumn('latency_ms', t.integer, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
        .addForeignKeyConstraint('fk_ai_usage_organisation', ['organisation_id'], 'organisations', ['id'], (fk) => fk.onDelete('cascade'))
        .addCheckConstraint('ck_ai_usage_outcome', sql`outcome in ('ok', 'invalid_output', 'failed')`)
        .addCheckConstraint('ck_ai_usage_provider', sql`provider in ('offline', 'azure', 'openai-compatible')`)
        .execute();
      await db.schema.createIndex('ix_ai_usage_organisation_id_created_at').on('ai_usage').columns(['organisation_id', 'created_at']).execute();

      await db.schema
        .createTable('shortlist_entries')
        .addColumn('application_id', t.uuid, (c) => c.primaryKey().notNull())
        .addColumn('job_role_id', t.uuid, (c) => c.notNull())
        .addColumn('match_score', t.decimal(5, 2), (c) => c.notNull())
        .addColumn('deterministic_score', t.decimal(5, 2), (c) => c.notNull())
        .addColumn('match_reasons', t.json, (c) => c.notNull())
        .addColumn('stage', t.text(20), (c) => c.notNull())
        .addColumn('provider', t.text(20), (c) => c.notNull())
        .addColumn('prompt_version', t.text(50))
        .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
        .addForeignKeyConstraint('fk_shortlist_entries_application', ['application_id'], 'applications', ['id'], (fk) => fk.onDelete('cascade'))
        .addCheckConstraint('ck_shortlist_entries_stage', sql`stage in ('deterministic', 'model')`)
        .addCheckConstraint('ck_shortlist_entries_score', sql`match_score between 0 and 100`)
        .addCheckConstraint('ck_shortlist_entries_reasons', t.isJson('match_reasons'))
        .execute();
      await db.schema.createIndex('ix_shortlist_entries_job_role_id').on('shortlist_entries').columns(['job_role_id', 'match_score']).execute();

      await db.schema.alterTable('candidate_profiles').addColumn('cv_content_hash', t.text(64)).execute();
      await db.schema.alterTable('candidate_profiles').addColumn('cv_parsed_at', t.timestamp).execute();
      // Names of profile fields the candidate set by hand; a resume parse never overwrites them.
      await db.schema.alterTable('candidate_profiles').addColumn('manual_fields', t.json, (c) => c.notNull().defaultTo('[]')).execute();
      for (const table of ['employment_history', 'education', 'candidate_skills']) {
        await db.schema.alterTable(table).addColumn('source', t.text(10), (c) => c.notNull().defaultTo('manual')).execute();
      }
    },
  };
}
