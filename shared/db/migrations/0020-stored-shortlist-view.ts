import { sql, type Kysely, type Migration } from 'kysely';
import type { ColumnTypes } from '../column-types';

/**
 * The shortlist read stops re-ranking (issue 18): each entry keeps its place in the run (`rank`, with the application
 * id the keyset of the paged read) and the applicant details the view shows, worked out when the run scored them
 * (`skills`, `experience`), with the profile sections that were shown then (`shown_sections`), so a section the
 * candidate hides later is masked on read. Rows stored before this migration are ranked here by the order the
 * read used (match score, deterministic score, application id); their details stay empty until the next run.
 * Applications get an index for the run's chunked read (job role, then id). No new table: the row-level security of shortlist_entries (migration 0006) covers the new columns.
 */
export function storedShortlistView(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('shortlist_entries').addColumn('rank', t.integer, (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('shortlist_entries').addColumn('skills', t.json, (c) => c.notNull().defaultTo('[]').check(t.isJson('skills'))).execute();
      await db.schema.alterTable('shortlist_entries').addColumn('experience', t.text(300)).execute();
      await db.schema
        .alterTable('shortlist_entries')
        .addColumn('shown_sections', t.json, (c) => c.notNull().defaultTo('[]').check(t.isJson('shown_sections')))
        .execute();
      await sql`
        update shortlist_entries set rank = 1 + (
          select count(*) from shortlist_entries other
          where other.job_role_id = shortlist_entries.job_role_id
            and (other.match_score > shortlist_entries.match_score
              or (other.match_score = shortlist_entries.match_score and other.deterministic_score > shortlist_entries.deterministic_score)
              or (other.match_score = shortlist_entries.match_score and other.deterministic_score = shortlist_entries.deterministic_score
                and other.application_id < shortlist_entries.application_id)))`.execute(db);
      // A run reads a role's applications in id order, a chunk at a time (Azure SQL's index on job_role_id already
      // carries the clustered key; SQLite's carries the rowid, so it needs this one to seek rather than sort).
      await db.schema.createIndex('ix_applications_job_role_id_id').on('applications').columns(['job_role_id', 'id']).execute();
      await db.schema.createIndex('ix_shortlist_entries_job_role_id_rank').on('shortlist_entries').columns(['job_role_id', 'rank', 'application_id']).execute();
    },
  };
}
