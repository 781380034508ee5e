import type { Selectable } from 'kysely';
import type { Db } from '../database';
import { firstRows } from '../dialect';
import { olderThan, type CursorPosition } from '../pagination';
import type { PracticeInterviewsTable } from '../schema';
import { readJson, readNullableTimestamp, readNumber, readTimestamp } from '../values';
import type { PracticeInterview, PracticeStatus } from '../../domain/privacy-practice-interviews';

function toPracticeInterview(row: Selectable<PracticeInterviewsTable>): PracticeInterview {
  return {
    id: row.id,
    user_id: row.user_id,
    sample_role_type: row.sample_role_type,
    status: row.status as PracticeStatus,
    started_at: readNullableTimestamp(row.started_at),
    ended_at: readNullableTimestamp(row.ended_at),
    duration_seconds: readNumber(row.duration_seconds),
    feedback: readJson<Record<string, unknown>>(row.feedback) ?? {},
    created_at: readTimestamp(row.created_at),
  };
}

export async function insertPracticeInterview(
  db: Db,
  practice: { id: string; user_id: string; sample_role_type: string; created_at: Date },
): Promise<PracticeInterview> {
  await db.insertInto('practice_interviews').values(practice).execute();
  const row = await db
    .selectFrom('practice_interviews')
    .selectAll()
    .where('id', '=', practice.id)
    .where('user_id', '=', practice.user_id)
    .executeTakeFirstOrThrow();
  return toPracticeInterview(row);
}

/** The user's own practice interviews, newest first; `limit` rows after the cursor. */
export async function listPracticeInterviews(
  db: Db,
  userId: string,
  after: CursorPosition | null,
  limit: number,
): Promise<PracticeInterview[]> {
  let query = db
    .selectFrom('practice_interviews')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc');
  if (after) {
    query = query.where(olderThan('created_at', 'id', { at: new Date(String(after.value)), id: after.id }));
  }
  const rows = await firstRows(db, query, limit).execute();
  return rows.map(toPracticeInterview);
}
