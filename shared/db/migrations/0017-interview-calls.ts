import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from '../column-types';

/**
 * An interview's room lasts for the interview's window: the end of that window is kept, so a later session that
 * outlives it extends the same room instead of making a second one.
 */
export function interviewCalls(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('interviews').addColumn('acs_room_valid_until', t.timestamp).execute();
    },
  };
}
