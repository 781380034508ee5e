import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from '../column-types';

/** Each replaces the index on the table's user_id alone, which it starts with. */
const INDEXES = [
  // A candidate's skills in the order they were added, read whole from the index: no sort, no row lookups.
  { table: 'candidate_skills', old: 'ix_candidate_skills_user_id', name: 'ix_candidate_skills_user_id_created_at', columns: ['user_id', 'created_at', 'id', 'skill_name', 'proficiency_level'] },
  // A candidate's jobs newest first, in index order: no sort.
  { table: 'employment_history', old: 'ix_employment_history_user_id', name: 'ix_employment_history_user_id_start_date', columns: ['user_id', 'start_date desc', 'id'] },
];

/**
 * A shortlist run reads every applicant's skills and jobs, as JSON beside each application row, in the order
 * the view and the scoring use (docs/performance.md): these indexes give that order without a sort per applicant.
 * No new table, so no row-level security change.
 */
export function shortlistReadingIndexes(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const index of INDEXES) {
        await db.schema.createIndex(index.name).on(index.table).columns(index.columns).execute();
        const drop = db.schema.dropIndex(index.old);
        // Azure SQL names an index within its table; SQLite's DROP INDEX takes no table.
        await (t.dialect === 'mssql' ? drop.on(index.table) : drop).execute();
      }
    },
  };
}
