import { sql, type Kysely, type Migration } from 'kysely';
import type { ColumnTypes } from '../column-types';
import { addToPolicy, WRITE } from './0006-row-level-security-runtime';

/**
 * Staff call control: the call the server placed or answered for an interview is kept on the interview (its call
 * connection, whether it is connecting, connected or disconnected, and how the last text-to-speech went), and each
 * participant of the interview's call has a row, moved by staff actions, mid-call callbacks and Event Grid events.
 * A participant's `last_event_at` lets an older event arriving late change nothing.
 */
export function callControl(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // One column per statement: SQLite adds only one at a time.
      await db.schema.alterTable('interviews').addColumn('acs_call_connection_id', t.text(200)).execute();
      await db.schema.alterTable('interviews').addColumn('call_connection_state', t.text(20)).execute();
      await db.schema.alterTable('interviews').addColumn('call_play_state', t.text(20)).execute();
      if (t.dialect === 'mssql') {
        await db.schema
          .alterTable('interviews')
          .addCheckConstraint('ck_interviews_call_connection_state', sql`call_connection_state is null or call_connection_state in ('connecting', 'connected', 'disconnected')`)
          .execute();
        await db.schema
          .alterTable('interviews')
          .addCheckConstraint('ck_interviews_call_play_state', sql`call_play_state is null or call_play_state in ('playing', 'completed', 'failed')`)
          .execute();
      }

      await db.schema
        .createTable('call_participants')
        .addColumn('id', t.uuid, (c) => c.primaryKey().notNull())
        .addColumn('interview_id', t.uuid, (c) => c.notNull())
        .addColumn('raw_id', t.text(300), (c) => c.notNull())
        .addColumn('kind', t.text(20), (c) => c.notNull())
        .addColumn('state', t.text(20), (c) => c.notNull())
        .addColumn('muted', t.boolean, (c) => c.notNull().defaultTo(0))
        .addColumn('last_event_at', t.timestamp, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
        .addColumn('updated_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
        .addForeignKeyConstraint('fk_call_participants_interview', ['interview_id'], 'interviews', ['id'], (fk) => fk.onDelete('cascade'))
        .addUniqueConstraint('uq_call_participants_interview_raw_id', ['interview_id', 'raw_id'])
        .addCheckConstraint('ck_call_participants_kind', sql`kind in ('acs_user', 'phone', 'other')`)
        .addCheckConstraint('ck_call_participants_state', sql`state in ('invited', 'joined', 'failed', 'removing', 'removed')`)
        .addCheckConstraint('ck_call_participants_muted', t.isBoolean('muted'))
        .execute();

      if (t.dialect !== 'mssql') return;
      // Phone numbers of the people in a call: only staff of the interview's organisation read or change them.
      const predicate = 'fn_interview_staff_access(interview_id)';
      await sql.raw(addToPolicy({ table: 'call_participants', filter: predicate, blocks: [[predicate, WRITE]] })).execute(db);
    },
  };
}
