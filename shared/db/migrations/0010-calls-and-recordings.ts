import { sql, type Expression, type Kysely, type Migration } from 'kysely';
import type { ColumnTypes } from '../column-types';
import { addToPolicy, WRITE } from './0006-row-level-security-runtime';

/**
 * Calls and recordings on Communication Services: the interview keeps its room, its server call and the call's
 * state (and why nothing was recorded, when consent was missing); Event Grid events are processed once by their id;
 * each ACS recording has a row that follows it from ACS to Blob Storage.
 */
export function callsAndRecordings(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // One column per statement: SQLite adds only one at a time.
      const columns: Array<[string, Expression<unknown>]> = [
        ['acs_room_id', t.text(200)],
        ['acs_server_call_id', t.text(1000)],
        ['call_state', t.text(20)],
        ['call_started_at', t.timestamp],
        ['call_ended_at', t.timestamp],
        ['recording_refused_reason', t.text(300)],
      ];
      for (const [name, type] of columns) await db.schema.alterTable('interviews').addColumn(name, type).execute();
      await db.schema.createIndex('ix_interviews_acs_room_id').on('interviews').columns(['acs_room_id']).execute();

      await db.schema
        .createTable('processed_events')
        .addColumn('event_id', t.text(200), (c) => c.primaryKey().notNull())
        .addColumn('event_type', t.text(200), (c) => c.notNull())
        .addColumn('outcome', t.text(20), (c) => c.notNull())
        .addColumn('processed_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
        .addCheckConstraint('ck_processed_events_outcome', sql`outcome in ('processed', 'ignored', 'rejected')`)
        .execute();

      await db.schema
        .createTable('recordings')
        .addColumn('id', t.uuid, (c) => c.primaryKey().notNull())
        .addColumn('interview_id', t.uuid, (c) => c.notNull())
        .addColumn('recording_id', t.text(200), (c) => c.notNull())
        .addColumn('state', t.text(20), (c) => c.notNull().defaultTo('recording'))
        .addColumn('content_location', t.text(2000))
        .addColumn('delete_location', t.text(2000))
        .addColumn('content_type', t.text(100))
        .addColumn('chunk_count', t.integer, (c) => c.notNull().defaultTo(0))
        .addColumn('duration_ms', t.bigint)
        .addColumn('size_bytes', t.bigint)
        .addColumn('blob_path', t.text(500))
        .addColumn('attempts', t.integer, (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', t.text(500))
        .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
        .addColumn('updated_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
        .addForeignKeyConstraint('fk_recordings_interview', ['interview_id'], 'interviews', ['id'], (fk) => fk.onDelete('cascade'))
        .addUniqueConstraint('uq_recordings_recording_id', ['recording_id'])
        .addCheckConstraint('ck_recordings_state', sql`state in ('recording', 'downloading', 'stored', 'deleted', 'failed')`)
        .execute();
      await db.schema.createIndex('ix_recordings_interview_id').on('recordings').columns(['interview_id']).execute();

      if (t.dialect !== 'mssql') return;
      // Both parties read a recording (the candidate their own); only staff of the interview change one.
      await sql
        .raw(addToPolicy({ table: 'recordings', filter: 'fn_interview_access(interview_id)', blocks: [['fn_interview_staff_access(interview_id)', WRITE]] }))
        .execute(db);
    },
  };
}
