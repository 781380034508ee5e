import { sql, type Kysely, type Migration } from 'kysely';
import type { ColumnTypes } from '../column-types';

const STAGE_CHECK = 'ck_shortlist_entries_stage';
const OLD_STAGES = "stage in ('deterministic', 'model')";
const NEW_STAGES = "stage in ('deterministic', 'offline', 'model')";

/**
 * A shortlist entry re-ranked by the offline rules says `stage: 'offline'`, not `'model'`: the stage check allows
 * the new value. Azure SQL swaps the constraint. SQLite cannot alter a table's checks, so the table is rebuilt from
 * its own stored definition with only the check changed (SQLite's documented procedure: create, copy, drop, rename).
 */
export function shortlistOfflineStage(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (t.dialect === 'mssql') {
        await db.schema.alterTable('shortlist_entries').dropConstraint(STAGE_CHECK).execute();
        await db.schema.alterTable('shortlist_entries').addCheckConstraint(STAGE_CHECK, sql.raw(NEW_STAGES)).execute();
        return;
      }
      const { rows } = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'shortlist_entries'`.execute(db);
      const definition = rows[0]?.sql;
      if (!definition?.includes(OLD_STAGES)) throw new Error('shortlist_entries is not as migration 0004 created it');
      const rebuilt = definition.replace(OLD_STAGES, NEW_STAGES).replace(/^create table "shortlist_entries"/i, 'create table "shortlist_entries_rebuilt"');
      await sql.raw(rebuilt).execute(db);
      await sql`insert into "shortlist_entries_rebuilt" select * from "shortlist_entries"`.execute(db);
      await db.schema.dropTable('shortlist_entries').execute();
      await db.schema.alterTable('shortlist_entries_rebuilt').renameTo('shortlist_entries').execute();
      await db.schema.createIndex('ix_shortlist_entries_job_role_id').on('shortlist_entries').columns(['job_role_id', 'match_score']).execute();
    },
  };
}
