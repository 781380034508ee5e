import type { Db } from '../database';
import { readTimestamp } from '../values';
import type { InterviewSession } from '../../domain/interview-session';

/** A live session (not revoked, not expired) with what it gives access to. */
export async function findLiveSession(db: Db, sessionId: string, interviewId: string, now = new Date()): Promise<InterviewSession | null> {
  const row = await db
    .selectFrom('interview_sessions')
    .innerJoin('interviews', 'interviews.id', 'interview_sessions.interview_id')
    .innerJoin('applications', 'applications.id', 'interviews.application_id')
    .innerJoin('job_roles', 'job_roles.id', 'applications.job_role_id')
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
