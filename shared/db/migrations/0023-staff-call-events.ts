import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from '../column-types';

/**
 * The server call id of the call staff placed (or the server answered) for an interview, kept beside its call
 * connection: Event Grid's CallStarted, CallEnded and Participant* events name a call by server call id only, and
 * an interview whose rooms call came first keeps that call's id in `acs_server_call_id`.
 */
export function staffCallEvents(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('interviews').addColumn('acs_call_server_call_id', t.text(1000)).execute();
    },
  };
}
