import type { Selectable } from 'kysely';
import type { Db } from '../database';
import { firstRows } from '../dialect';
import { olderThan, type CursorPosition } from '../pagination';
import type { PracticeInterviewsTable } from '../schema';
import { readJson, readNullableTimestamp, readNumber, readTimestamp } from '../values';
import type { PracticeInterview, PracticeSegment, PracticeStatus } from '../../domain/privacy-practice-interviews';
import type { PracticeSession } from '../../domain/interview-session';
import type { InterviewEndReason } from '../../domain/value-sets';

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

/** The practice interview a practice session token names, when its owner still has it. */
export async function findPracticeSession(db: Db, claims: { practice_interview_id: string; user_id: string }): Promise<PracticeSession | null> {
  const row = await db
    .selectFrom('practice_interviews')
    .select(['id', 'user_id'])
    .where('id', '=', claims.practice_interview_id)
    .where('user_id', '=', claims.user_id)
    .executeTakeFirst();
  return row ? { practice_interview_id: row.id, user_id: row.user_id } : null;
}

/** A practice interview with its conversation; `transcript_text` is the stored text the next write is checked against. */
export interface PracticeConversation extends PracticeInterview {
  end_reason: InterviewEndReason | null;
  question_index: number;
  transcript: PracticeSegment[];
  transcript_text: string;
}

export async function findPracticeConversation(db: Db, id: string, userId: string): Promise<PracticeConversation | null> {
  const row = await db.selectFrom('practice_interviews').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  if (!row) return null;
  return {
    ...toPracticeInterview(row),
    end_reason: row.end_reason as InterviewEndReason | null,
    question_index: row.question_index,
    transcript: readJson<PracticeSegment[]>(row.transcript) ?? [],
    transcript_text: row.transcript,
  };
}

export async function startPracticeInterview(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('practice_interviews').set({ status: 'in_progress', started_at: at }).where('id', '=', id).where('started_at', 'is', null).execute();
}

/**
 * Replaces the conversation only if it is still the one read (`expected`) and, when moving the plan on, still at
 * `from_question_index`: the practice row's compare-and-swap. False when another turn wrote first.
 */
export async function replacePracticeTranscript(
  db: Db,
  id: string,
  expected: string,
  next: { transcript: PracticeSegment[]; from_question_index?: number; question_index?: number },
): Promise<boolean> {
  let query = db
    .updateTable('practice_interviews')
    .set({ transcript: JSON.stringify(next.transcript), ...(next.question_index === undefined ? {} : { question_index: next.question_index }) })
    .where('id', '=', id)
    .where('transcript', '=', expected);
  if (next.from_question_index !== undefined) query = query.where('question_index', '=', next.from_question_index);
  return Number((await query.executeTakeFirst()).numUpdatedRows) > 0;
}

/** Ends a running practice interview with its reason; false when it had already ended. */
export async function completePracticeInterview(db: Db, id: string, end: { at: Date; duration_seconds: number; end_reason: InterviewEndReason }): Promise<boolean> {
  const result = await db
    .updateTable('practice_interviews')
    .set({ status: 'completed', ended_at: end.at, duration_seconds: end.duration_seconds, end_reason: end.end_reason })
    .where('id', '=', id)
    .where('status', '!=', 'completed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function savePracticeFeedback(db: Db, id: string, feedback: Record<string, unknown>): Promise<void> {
  await db.updateTable('practice_interviews').set({ feedback: JSON.stringify(feedback) }).where('id', '=', id).execute();
}
