import { sql, type Kysely, type Migration } from 'kysely';
import type { ColumnTypes } from '../column-types';
import { INTERVIEW_END_REASONS } from '../../domain/value-sets';

const endReasonCheck = (column: string) => sql`${sql.ref(column)} is null or ${sql.ref(column)} in (${sql.join(INTERVIEW_END_REASONS.map((r) => sql.lit(r)))})`;

/**
 * Why an interview ended (its questions done, the time cap, the candidate hanging up, or the platform closing it
 * after no turn for a while), and practice interviews that run through the interviewer: their position in the
 * five-question plan and their conversation, kept on the practice row (no organisation, no application).
 */
export function interviewEndingsAndPractice(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('interviews').addColumn('end_reason', t.text(30)).execute();
      await db.schema.alterTable('practice_interviews').addColumn('end_reason', t.text(30)).execute();
      await db.schema.alterTable('practice_interviews').addColumn('question_index', t.integer, (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('practice_interviews').addColumn('transcript', t.json, (c) => c.notNull().defaultTo('[]')).execute();
      // SQLite cannot add a constraint to an existing table; the value set is the same one the code writes.
      if (t.dialect === 'mssql') {
        await db.schema.alterTable('interviews').addCheckConstraint('ck_interviews_end_reason', endReasonCheck('end_reason')).execute();
        await db.schema.alterTable('practice_interviews').addCheckConstraint('ck_practice_interviews_end_reason', endReasonCheck('end_reason')).execute();
        await db.schema.alterTable('practice_interviews').addCheckConstraint('ck_practice_interviews_transcript', t.isJson('transcript')).execute();
      }
      await db.schema.createIndex('ix_practice_interviews_user_created').on('practice_interviews').columns(['user_id', 'created_at']).execute();
    },
  };
}
