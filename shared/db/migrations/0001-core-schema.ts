import { sql, type CreateTableBuilder, type Kysely, type Migration } from 'kysely';
import type { ColumnTypes } from '../column-types';
import * as V from '../../domain/value-sets';

/**
 * The 18 tables of the original Supabase schema, plus `users` (replaces auth.users) and the shared rate-limit
 * counters. Enums become CHECK constraints; cascades are the original's. Deliberate departures, each a fix of a
 * known defect: invitations keep only a token hash; interview_scores has anti_cheat_notes; organisations
 * records its creator so a duplicate create is refused by a unique key.
 */

const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

type Table = CreateTableBuilder<string, string>;

function withId(t: ColumnTypes, builder: Table): Table {
  return builder.addColumn('id', t.uuid, (c) => c.primaryKey().notNull());
}

function withCreatedAt(t: ColumnTypes, builder: Table): Table {
  return builder.addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now));
}

function withTimestamps(t: ColumnTypes, builder: Table): Table {
  return withCreatedAt(t, builder).addColumn('updated_at', t.timestamp, (c) => c.notNull().defaultTo(t.now));
}

function ownedByUser(t: ColumnTypes, table: string, builder: Table): Table {
  return builder
    .addColumn('user_id', t.uuid, (c) => c.notNull())
    .addForeignKeyConstraint(`fk_${table}_user`, ['user_id'], 'users', ['id'], (fk) => fk.onDelete('cascade'));
}

const indexes: Array<[table: string, columns: string[]]> = [
  ['org_users', ['user_id']],
  ['org_users', ['organisation_id']],
  ['job_roles', ['organisation_id']],
  ['job_roles', ['status']],
  ['applications', ['candidate_id']],
  ['applications', ['job_role_id']],
  ['invitations', ['application_id']],
  ['interviews', ['application_id']],
  ['interviews', ['status']],
  ['transcript_segments', ['interview_id', 'start_time_ms']],
  ['score_dimensions', ['interview_id']],
  ['audit_log', ['organisation_id', 'created_at']],
  ['audit_log', ['user_id']],
  ['employment_history', ['user_id']],
  ['education', ['user_id']],
  ['candidate_skills', ['user_id']],
  ['practice_interviews', ['user_id']],
  ['data_deletion_requests', ['status']],
  ['data_deletion_requests', ['user_id']],
  ['rate_limit_counters', ['expires_at']],
];

export function coreSchema(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const create = (name: string) => db.schema.createTable(name) as unknown as Table;

      await withCreatedAt(t, withId(t, create('users')))
        .addColumn('issuer', t.text(256), (c) => c.notNull())
        .addColumn('subject', t.text(256), (c) => c.notNull())
        .addColumn('email', t.text(320))
        .addColumn('display_name', t.text(200))
        .addColumn('last_sign_in_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
        .addUniqueConstraint('uq_users_issuer_subject', ['issuer', 'subject'])
        .execute();

      await withTimestamps(t, ownedByUser(t, 'candidate_profiles', withId(t, create('candidate_profiles'))))
        .addColumn('first_name', t.text(100))
        .addColumn('last_name', t.text(100))
        .addColumn('email', t.text(320))
        .addColumn('phone', t.text(40))
        .addColumn('suburb', t.text(100))
        .addColumn('postcode', t.text(10))
        .addColumn('state', t.text(50))
        .addColumn('country', t.text(100), (c) => c.defaultTo('Australia'))
        .addColumn('work_rights', t.text(50))
        .addColumn('availability', t.text(50))
        .addColumn('work_mode', t.text(20))
        .addColumn('gpa_wam', t.decimal(4, 2))
        .addColumn('portfolio_url', t.text(2048))
        .addColumn('linkedin_url', t.text(2048))
        .addColumn('cv_file_path', t.text(1024))
        .addColumn('cv_uploaded_at', t.timestamp)
        .addColumn('profile_visibility', t.text(20), (c) => c.notNull().defaultTo('visible'))
        .addColumn('visibility_settings', t.json, (c) =>
          c.notNull().defaultTo(JSON.stringify(V.DEFAULT_VISIBILITY_SETTINGS)),
        )
        .addColumn('paused_at', t.timestamp)
        .addUniqueConstraint('uq_candidate_profiles_user', ['user_id'])
        .addCheckConstraint('ck_candidate_profiles_visibility', oneOf('profile_visibility', V.PROFILE_VISIBILITIES))
        .addCheckConstraint('ck_candidate_profiles_work_mode', sql`work_mode is null or ${oneOf('work_mode', V.WORK_TYPES)}`)
        .addCheckConstraint('ck_candidate_profiles_visibility_settings', t.isJson('visibility_settings'))
        .execute();

      await withCreatedAt(t, ownedByUser(t, 'employment_history', withId(t, create('employment_history'))))
        .addColumn('job_title', t.text(200), (c) => c.notNull())
        .addColumn('company_name', t.text(200), (c) => c.notNull())
        .addColumn('start_date', t.date, (c) => c.notNull())
        .addColumn('end_date', t.date)
        .addColumn('is_current', t.boolean, (c) => c.notNull().defaultTo(0))
        .addColumn('description', t.text())
        .addCheckConstraint('ck_employment_history_is_current', t.isBoolean('is_current'))
        .execute();

      await withCreatedAt(t, ownedByUser(t, 'education', withId(t, create('education'))))
        .addColumn('institution', t.text(200), (c) => c.notNull())
        .addColumn('degree', t.text(200), (c) => c.notNull())
        .addColumn('field_of_study', t.text(200))
        .addColumn('start_date', t.date)
        .addColumn('end_date', t.date)
        .addColumn('is_current', t.boolean, (c) => c.notNull().defaultTo(0))
        .addCheckConstraint('ck_education_is_current', t.isBoolean('is_current'))
        .execute();

      await withCreatedAt(t, ownedByUser(t, 'candidate_skills', withId(t, create('candidate_skills'))))
        .addColumn('skill_name', t.text(100), (c) => c.notNull())
        .addColumn('skill_type', t.text(10), (c) => c.notNull())
        .addColumn('proficiency_level', t.text(20))
        .addCheckConstraint('ck_candidate_skills_type', oneOf('skill_type', V.SKILL_TYPES))
        .addCheckConstraint(
          'ck_candidate_skills_proficiency',
          sql`proficiency_level is null or ${oneOf('proficiency_level', V.PROFICIENCY_LEVELS)}`,
        )
        .execute();

      await withCreatedAt(t, ownedByUser(t, 'candidate_dei', withId(t, create('candidate_dei'))))
        .addColumn('gender', t.text(100))
        .addColumn('ethnicity', t.text(100))
        .addColumn('disability_status', t.text(100))
        .addColumn('veteran_status', t.text(100))
        .addUniqueConstraint('uq_candidate_dei_user', ['user_id'])
        .execute();

      await withCreatedAt(t, ownedByUser(t, 'user_roles', withId(t, create('user_roles'))))
        .addColumn('role', t.text(20), (c) => c.notNull())
        .addUniqueConstraint('uq_user_roles_user_role', ['user_id', 'role'])
        .addCheckConstraint('ck_user_roles_role', oneOf('role', V.APP_ROLES))
        .execute();

      await withTimestamps(t, withId(t, create('organisations')))
        .addColumn('name', t.text(200), (c) => c.notNull())
        .addColumn('name_key', t.text(200), (c) => c.notNull())
        .addColumn('industry', t.text(100))
        .addColumn('website', t.text(2048))
        .addColumn('logo_url', t.text(2048))
        .addColumn('description', t.text(4000))
        .addColumn('values_framework', t.json)
        .addColumn('billing_email', t.text(320))
        .addColumn('billing_address', t.text(500))
        .addColumn('recording_retention_days', t.integer, (c) => c.notNull().defaultTo(60))
        .addColumn('created_by', t.uuid)
        .addForeignKeyConstraint('fk_organisations_created_by', ['created_by'], 'users', ['id'])
        .addUniqueConstraint('uq_organisations_creator_name', ['created_by', 'name_key'])
        .addCheckConstraint('ck_organisations_values_framework', t.isJson('values_framework'))
        .addCheckConstraint('ck_organisations_retention', sql`recording_retention_days between 1 and 3650`)
        .execute();

      await withCreatedAt(t, ownedByUser(t, 'org_users', withId(t, create('org_users'))))
        .addColumn('organisation_id', t.uuid, (c) => c.notNull())
        .addColumn('role', t.text(20), (c) => c.notNull().defaultTo('recruiter'))
        .addForeignKeyConstraint('fk_org_users_organisation', ['organisation_id'], 'organisations', ['id'], (fk) =>
          fk.onDelete('cascade'),
        )
        .addUniqueConstraint('uq_org_users_user_organisation', ['user_id', 'organisation_id'])
        .addCheckConstraint('ck_org_users_role', oneOf('role', V.ORG_ROLES))
        .execute();

      await withTimestamps(t, withId(t, create('job_roles')))
        .addColumn('organisation_id', t.uuid, (c) => c.notNull())
        .addColumn('title', t.text(200), (c) => c.notNull())
        .addColumn('department', t.text(100))
        .addColumn('industry', t.text(100))
        .addColumn('work_type', t.text(20))
        .addColumn('location', t.text(200))
        .addColumn('salary_range_min', t.integer)
        .addColumn('salary_range_max', t.integer)
        .addColumn('employment_type', t.text(20))
        .addColumn('description', t.text())
        .addColumn('requirements', t.json)
        .addColumn('interview_structure', t.json)
        .addColumn('scoring_rubric', t.json)
        .addColumn('status', t.text(20), (c) => c.notNull().defaultTo('draft'))
        .addColumn('created_by', t.uuid)
        .addForeignKeyConstraint('fk_job_roles_organisation', ['organisation_id'], 'organisations', ['id'], (fk) =>
          fk.onDelete('cascade'),
        )
        .addForeignKeyConstraint('fk_job_roles_created_by', ['created_by'], 'users', ['id'])
        .addCheckConstraint('ck_job_roles_status', oneOf('status', V.JOB_ROLE_STATUSES))
        .addCheckConstraint('ck_job_roles_work_type', sql`work_type is null or ${oneOf('work_type', V.WORK_TYPES)}`)
        .addCheckConstraint(
          'ck_job_roles_employment_type',
          sql`employment_type is null or ${oneOf('employment_type', V.EMPLOYMENT_TYPES)}`,
        )
        .addCheckConstraint('ck_job_roles_requirements', t.isJson('requirements'))
        .addCheckConstraint('ck_job_roles_interview_structure', t.isJson('interview_structure'))
        .addCheckConstraint('ck_job_roles_scoring_rubric', t.isJson('scoring_rubric'))
        .execute();

      await withTimestamps(t, withId(t, create('applications')))
        .addColumn('candidate_id', t.uuid, (c) => c.notNull())
        .addColumn('job_role_id', t.uuid, (c) => c.notNull())
        .addColumn('status', t.text(20), (c) => c.notNull().defaultTo('applied'))
        .addColumn('match_score', t.decimal(5, 2))
        .addForeignKeyConstraint('fk_applications_candidate', ['candidate_id'], 'users', ['id'], (fk) =>
          fk.onDelete('cascade'),
        )
        .addForeignKeyConstraint('fk_applications_job_role', ['job_role_id'], 'job_roles', ['id'], (fk) =>
          fk.onDelete('cascade'),
        )
        .addUniqueConstraint('uq_applications_candidate_role', ['candidate_id', 'job_role_id'])
        .addCheckConstraint('ck_applications_status', oneOf('status', V.APPLICATION_STATUSES))
        .addCheckConstraint('ck_applications_match_score', sql`match_score is null or match_score between 0 and 100`)
        .execute();

      await withCreatedAt(t, withId(t, create('invitations')))
        .addColumn('application_id', t.uuid, (c) => c.notNull())
        .addColumn('token_hash', t.text(64), (c) => c.notNull())
        .addColumn('status', t.text(20), (c) => c.notNull().defaultTo('pending'))
        .addColumn('email_template', t.text(50))
        .addColumn('sent_at', t.timestamp)
        .addColumn('opened_at', t.timestamp)
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .addForeignKeyConstraint('fk_invitations_application', ['application_id'], 'applications', ['id'], (fk) =>
          fk.onDelete('cascade'),
        )
        .addUniqueConstraint('uq_invitations_token_hash', ['token_hash'])
        .addCheckConstraint('ck_invitations_status', oneOf('status', V.INVITATION_STATUSES))
        .execute();

      await withTimestamps(t, withId(t, create('interviews')))
        .addColumn('application_id', t.uuid, (c) => c.notNull())
        .addColumn('status', t.text(20), (c) => c.notNull().defaultTo('invited'))
        .addColumn('started_at', t.timestamp)
        .addColumn('ended_at', t.timestamp)
        .addColumn('duration_seconds', t.integer)
        .addColumn('recording_url', t.text(2048))
        .addColumn('anti_cheat_signals', t.json, (c) => c.notNull().defaultTo('[]'))
        .addColumn('metadata', t.json, (c) => c.notNull().defaultTo('{}'))
        .addColumn('recording_deleted_at', t.timestamp)
        .addForeignKeyConstraint('fk_interviews_application', ['application_id'], 'applications', ['id'], (fk) =>
          fk.onDelete('cascade'),
        )
        .addCheckConstraint('ck_interviews_status', oneOf('status', V.INTERVIEW_STATUSES))
        .addCheckConstraint('ck_interviews_anti_cheat_signals', t.isJson('anti_cheat_signals'))
        .addCheckConstraint('ck_interviews_metadata', t.isJson('metadata'))
        .execute();

      await withCreatedAt(t, withId(t, create('transcript_segments')))
        .addColumn('interview_id', t.uuid, (c) => c.notNull())
        .addColumn('speaker', t.text(10), (c) => c.notNull())
        .addColumn('content', t.text(), (c) => c.notNull())
        .addColumn('start_time_ms', t.integer, (c) => c.notNull())
        .addColumn('end_time_ms', t.integer)
        .addColumn('confidence', t.decimal(5, 4))
        .addForeignKeyConstraint('fk_transcript_segments_interview', ['interview_id'], 'interviews', ['id'], (fk) =>
          fk.onDelete('cascade'),
        )
        .addCheckConstraint('ck_transcript_segments_speaker', oneOf('speaker', V.SPEAKERS))
        .execute();

      await withCreatedAt(t, withId(t, create('score_dimensions')))
        .addColumn('interview_id', t.uuid, (c) => c.notNull())
        .addColumn('dimension', t.text(50), (c) => c.notNull())
        .addColumn('score', t.decimal(3, 1), (c) => c.notNull())
        .addColumn('weight', t.decimal(5, 4), (c) => c.notNull().defaultTo(1))
        .addColumn('evidence', t.text())
        .addColumn('cited_quotes', t.json, (c) => c.notNull().defaultTo('[]'))
        .addForeignKeyConstraint('fk_score_dimensions_interview', ['interview_id'], 'interviews', ['id'], (fk) =>
          fk.onDelete('cascade'),
        )
        .addCheckConstraint('ck_score_dimensions_score', sql`score between 0 and 10`)
        .addCheckConstraint('ck_score_dimensions_cited_quotes', t.isJson('cited_quotes'))
        .execute();

      await withTimestamps(t, withId(t, create('interview_scores')))
        .addColumn('interview_id', t.uuid, (c) => c.notNull())
        .addColumn('overall_score', t.decimal(5, 2))
        .addColumn('narrative_summary', t.text())
        .addColumn('candidate_feedback', t.text())
        .addColumn('anti_cheat_risk_level', t.text(10))
        .addColumn('anti_cheat_notes', t.text())
        .addColumn('scored_by', t.text(20), (c) => c.defaultTo('ai'))
        .addColumn('human_override', t.boolean, (c) => c.notNull().defaultTo(0))
        .addColumn('human_override_by', t.uuid)
        .addColumn('human_override_reason', t.text(2000))
        .addColumn('model_version', t.text(100))
        .addColumn('prompt_version', t.text(50))
        .addColumn('rubric_version', t.text(50))
        .addForeignKeyConstraint('fk_interview_scores_interview', ['interview_id'], 'interviews', ['id'], (fk) =>
          fk.onDelete('cascade'),
        )
        .addForeignKeyConstraint('fk_interview_scores_override_by', ['human_override_by'], 'users', ['id'])
        .addUniqueConstraint('uq_interview_scores_interview', ['interview_id'])
        .addCheckConstraint('ck_interview_scores_overall', sql`overall_score is null or overall_score between 0 and 100`)
        .addCheckConstraint(
          'ck_interview_scores_risk',
          sql`anti_cheat_risk_level is null or ${oneOf('anti_cheat_risk_level', V.RISK_LEVELS)}`,
        )
        .addCheckConstraint('ck_interview_scores_human_override', t.isBoolean('human_override'))
        .execute();

      await withCreatedAt(t, withId(t, create('audit_log')))
        .addColumn('user_id', t.uuid)
        .addColumn('organisation_id', t.uuid)
        .addColumn('action', t.text(100), (c) => c.notNull())
        .addColumn('entity_type', t.text(100), (c) => c.notNull())
        .addColumn('entity_id', t.uuid)
        .addColumn('old_values', t.json)
        .addColumn('new_values', t.json)
        .addColumn('ip_address', t.text(64))
        .addForeignKeyConstraint('fk_audit_log_user', ['user_id'], 'users', ['id'])
        .addForeignKeyConstraint('fk_audit_log_organisation', ['organisation_id'], 'organisations', ['id'])
        .addCheckConstraint('ck_audit_log_old_values', t.isJson('old_values'))
        .addCheckConstraint('ck_audit_log_new_values', t.isJson('new_values'))
        .execute();

      await withCreatedAt(t, ownedByUser(t, 'practice_interviews', withId(t, create('practice_interviews'))))
        .addColumn('sample_role_type', t.text(100), (c) => c.notNull())
        .addColumn('status', t.text(20), (c) => c.notNull().defaultTo('not_started'))
        .addColumn('started_at', t.timestamp)
        .addColumn('ended_at', t.timestamp)
        .addColumn('duration_seconds', t.integer)
        .addColumn('feedback', t.json, (c) => c.notNull().defaultTo('{}'))
        .addCheckConstraint('ck_practice_interviews_status', oneOf('status', V.PRACTICE_STATUSES))
        .addCheckConstraint('ck_practice_interviews_feedback', t.isJson('feedback'))
        .execute();

      // No foreign key: a request must outlive the erasure it asks for.
      await withId(t, create('data_deletion_requests'))
        .addColumn('user_id', t.uuid, (c) => c.notNull())
        .addColumn('request_type', t.text(20), (c) => c.notNull().defaultTo('full_deletion'))
        .addColumn('status', t.text(20), (c) => c.notNull().defaultTo('pending'))
        .addColumn('reason', t.text(2000))
        .addColumn('requested_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
        .addColumn('processed_at', t.timestamp)
        .addColumn('processed_by', t.text(100))
        .addColumn('notes', t.text(4000))
        .addCheckConstraint('ck_data_deletion_requests_type', oneOf('request_type', V.DELETION_REQUEST_TYPES))
        .addCheckConstraint('ck_data_deletion_requests_status', oneOf('status', V.DELETION_REQUEST_STATUSES))
        .execute();

      await (db.schema.createTable('rate_limit_counters') as unknown as Table)
        .addColumn('bucket_key', t.text(200), (c) => c.notNull())
        .addColumn('window_start', t.bigint, (c) => c.notNull())
        .addColumn('hits', t.integer, (c) => c.notNull())
        .addColumn('expires_at', t.bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('pk_rate_limit_counters', ['bucket_key', 'window_start'])
        .execute();

      for (const [table, columns] of indexes) {
        await db.schema.createIndex(`ix_${table}_${columns.join('_')}`).on(table).columns(columns).execute();
      }
    },
  };
}
