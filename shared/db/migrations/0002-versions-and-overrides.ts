import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from '../column-types';

/**
 * Optimistic concurrency for every row the API updates (clients send the version they read as If-Match),
 * and the human override of a score kept beside the AI's score instead of overwriting it.
 */
export const VERSIONED_TABLES = [
  'organisations',
  'org_users',
  'job_roles',
  'candidate_profiles',
  'employment_history',
  'education',
  'candidate_skills',
  'candidate_dei',
  'applications',
  'interview_scores',
] as const;

export function versionsAndOverrides(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const table of VERSIONED_TABLES) {
        await db.schema.alterTable(table).addColumn('version', t.integer, (c) => c.notNull().defaultTo(1)).execute();
      }
      await db.schema.alterTable('interview_scores').addColumn('human_override_score', t.decimal(5, 2)).execute();
      await db.schema.alterTable('interview_scores').addColumn('human_override_at', t.timestamp).execute();
      await db.schema.createIndex('ix_applications_job_role_id_status').on('applications').columns(['job_role_id', 'status']).execute();
      await db.schema.createIndex('ix_job_roles_organisation_id_created_at').on('job_roles').columns(['organisation_id', 'created_at']).execute();
    },
  };
}
