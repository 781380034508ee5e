import { sql, type Kysely, type Migration } from 'kysely';
import type { ColumnTypes } from '../column-types';

/**
 * An interview's room lasts for the interview's window: the end of that window is kept, so a later session that
 * outlives it extends the same room instead of making a second one. The recording the server started for the
 * interview's call is kept with its state, for staff to pause, resume or stop it and for the end to stop it.
 */
export function interviewCalls(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // One column per statement: SQLite adds only one at a time.
      await db.schema.alterTable('interviews').addColumn('acs_room_valid_until', t.timestamp).execute();
      await db.schema.alterTable('interviews').addColumn('acs_recording_id', t.text(200)).execute();
      await db.schema.alterTable('interviews').addColumn('recording_state', t.text(20)).execute();
      // SQLite cannot add a constraint to an existing table; the value set is the same one the code writes.
      if (t.dialect === 'mssql') {
        await db.schema
          .alterTable('interviews')
          .addCheckConstraint('ck_interviews_recording_state', sql`recording_state is null or recording_state in ('active', 'paused', 'stopped')`)
          .execute();
      }
    },
  };
}
