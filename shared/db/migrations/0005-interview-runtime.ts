import { sql, type Kysely, type Migration } from 'kysely';
import type { ColumnTypes } from '../column-types';

/**
 * The interview runtime: an email outbox written with the invitation, idempotent retries of staff requests,
 * candidate interview sessions and consents, a server-owned conversation (turn ids, partial replies, plan
 * position), queued scoring with history of earlier scores, and one ACS identity per user.
 */
export function interviewRuntime(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('email_outbox')
        .addColumn('id', t.uuid, (c) => c.primaryKey().notNull())
        .addColumn('invitation_id', t.uuid)
        .addColumn('to_address', t.text(320), (c) => c.notNull())
        .addColumn('subject', t.text(300), (c) => c.notNull())
        .addColumn('html_body', t.text(), (c) => c.notNull())
        .addColumn('text_body', t.text(), (c) => c.notNull())
        .addColumn('status', t.text(20), (c) => c.notNull().defaultTo('pending'))
        .addColumn('attempts', t.integer, (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
        .addColumn('locked_until', t.timestamp)
        .addColumn('last_error', t.text(500))
        .addColumn('provider_message_id', t.text(200))
        .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
        .addColumn('sent_at', t.timestamp)
        .addForeignKeyConstraint('fk_email_outbox_invitation', ['invitation_id'], 'invitations', ['id'], (fk) => fk.onDelete('cascade'))
        .addCheckConstraint('ck_email_outbox_status', sql`status in ('pending', 'sending', 'sent', 'failed')`)
        .execute();
      await db.schema.createIndex('ix_email_outbox_status_next_attempt_at').on('email_outbox').columns(['status', 'next_attempt_at']).execute();
      await db.schema.createIndex('ix_email_outbox_provider_message_id').on('email_outbox').columns(['provider_message_id']).execute();

      await db.schema
        .createTable('idempotency_records')
        .addColumn('user_id', t.uuid, (c) => c.notNull())
        .addColumn('function_name', t.text(100), (c) => c.notNull())
        .addColumn('idempotency_key', t.text(200), (c) => c.notNull())
        .addColumn('request_hash', t.text(64), (c) => c.notNull())
        .addColumn('status_code', t.integer)
        .addColumn('response_body', t.text())
        .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
        .addPrimaryKeyConstraint('pk_idempotency_records', ['user_id', 'function_name', 'idempotency_key'])
        .addForeignKeyConstraint('fk_idempotency_records_user', ['user_id'], 'users', ['id'], (fk) => fk.onDelete('cascade'))
        .execute();

      await db.schema.alterTable('invitations').addColumn('created_by', t.uuid).execute();
      await db.schema.alterTable('invitations').addColumn('delivered_at', t.timestamp).execute();
      await db.schema.alterTable('invitations').addColumn('revoked_at', t.timestamp).execute();
      await db.schema.alterTable('invitations').addColumn('failed_at', t.timestamp).execute();
      await db.schema.alterTable('invitations').addColumn('interview_id', t.uuid).execute();

      await db.schema
        .createTable('interview_sessions')
        .addColumn('id', t.uuid, (c) => c.primaryKey().notNull())
        .addColumn('interview_id', t.uuid, (c) => c.notNull())
        .addColumn('invitation_id', t.uuid)
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .addColumn('revoked_at', t.timestamp)
        .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
        .addForeignKeyConstraint('fk_interview_sessions_interview', ['interview_id'], 'interviews', ['id'], (fk) => fk.onDelete('cascade'))
        .execute();
      await db.schema.createIndex('ix_interview_sessions_interview_id').on('interview_sessions').columns(['interview_id']).execute();

      await db.schema
        .createTable('consents')
        .addColumn('id', t.uuid, (c) => c.primaryKey().notNull())
        .addColumn('interview_id', t.uuid, (c) => c.notNull())
        .addColumn('kind', t.text(20), (c) => c.notNull())
        .addColumn('policy_version', t.text(50), (c) => c.notNull())
        .addColumn('granted_at', t.timestamp, (c) => c.notNull())
        .addColumn('ip_address', t.text(64))
        .addForeignKeyConstraint('fk_consents_interview', ['interview_id'], 'interviews', ['id'], (fk) => fk.onDelete('cascade'))
        .addUniqueConstraint('uq_consents_interview_kind', ['interview_id', 'kind'])
        .addCheckConstraint('ck_consents_kind', sql`kind in ('ai_processing', 'recording')`)
        .execute();

      await db.schema.alterTable('transcript_segments').addColumn('client_turn_id', t.text(100)).execute();
      await db.schema.alterTable('transcript_segments').addColumn('is_partial', t.boolean, (c) => c.notNull().defaultTo(0)).execute();
      await db.schema
        .createIndex('ux_transcript_segments_turn')
        .on('transcript_segments')
        .columns(['interview_id', 'speaker', 'client_turn_id'])
        .unique()
        .where(sql.ref('client_turn_id'), 'is not', null)
        .execute();

      await db.schema.alterTable('interviews').addColumn('is_practice', t.boolean, (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('interviews').addColumn('question_index', t.integer, (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('interviews').addColumn('competencies_covered', t.json, (c) => c.notNull().defaultTo('[]')).execute();
      await db.schema.alterTable('interviews').addColumn('scoring_status', t.text(20)).execute();
      await db.schema.alterTable('interviews').addColumn('scoring_attempts', t.integer, (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('interviews').addColumn('scoring_next_attempt_at', t.timestamp).execute();
      await db.schema.alterTable('interviews').addColumn('scoring_last_error', t.text(500)).execute();
      await db.schema.createIndex('ix_interviews_scoring_status').on('interviews').columns(['scoring_status', 'scoring_next_attempt_at']).execute();

      await db.schema
        .createTable('interview_score_revisions')
        .addColumn('id', t.uuid, (c) => c.primaryKey().notNull())
        .addColumn('interview_id', t.uuid, (c) => c.notNull())
        .addColumn('snapshot', t.json, (c) => c.notNull())
        .addColumn('replaced_at', t.timestamp, (c) => c.notNull())
        .addForeignKeyConstraint('fk_interview_score_revisions_interview', ['interview_id'], 'interviews', ['id'], (fk) => fk.onDelete('cascade'))
        .addCheckConstraint('ck_interview_score_revisions_snapshot', t.isJson('snapshot'))
        .execute();
      await db.schema.createIndex('ix_interview_score_revisions_interview_id').on('interview_score_revisions').columns(['interview_id']).execute();

      await db.schema
        .createTable('acs_identities')
        .addColumn('user_id', t.uuid, (c) => c.primaryKey().notNull())
        .addColumn('communication_user_id', t.text(300), (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
        .addForeignKeyConstraint('fk_acs_identities_user', ['user_id'], 'users', ['id'], (fk) => fk.onDelete('cascade'))
        .execute();
    },
  };
}
