import type { Db } from '../database';
import { readTimestamp } from '../values';
import type { InterviewSession } from '../../domain/interview-session';
import { selectInterviewWithOwner } from '../scoping';

/** A live session (not revoked, not expired) with what it gives access to. */
export async function findLiveSession(db: Db, sessionId: string, interviewId: string, now = new Date()): Promise<InterviewSession | null> {
  const row = await selectInterviewWithOwner(db)
    .innerJoin('interview_sessions', 'interview_sessions.interview_id', 'interviews.id')
    .select([
      'interview_sessions.id as session_id',
      'interview_sessions.interview_id',
      'interview_sessions.expires_at',
      'interviews.application_id',
      'applications.candidate_id',
      'job_roles.organisation_id',
    ])
    .where('interview_sessions.id', '=', sessionId)
    .where('interview_sessions.interview_id', '=', interviewId)
    .where('interview_sessions.revoked_at', 'is', null)
    .where('interview_sessions.expires_at', '>', now)
    .executeTakeFirst();
  return row ? { ...row, expires_at: readTimestamp(row.expires_at) } : null;
}

export async function insertSession(
  db: Db,
  session: { id: string; interview_id: string; invitation_id: string | null; expires_at: Date; created_at: Date },
): Promise<void> {
  await db.insertInto('interview_sessions').values(session).execute();
}
