import type { Db } from '../database';
import { readNullableTimestamp, readNumber, readTimestamp } from '../values';
import type { ConsentKind } from './consents';

/** An interview as its candidate may see it: status, times and the feedback written for them (never scores). */
export interface OwnInterview {
  id: string;
  application_id: string;
  status: string;
  started_at: string | null;
  ended_at: string | null;
  duration_seconds: number | null;
  end_reason: string | null;
  created_at: string;
  candidate_feedback: string | null;
}

export async function listOwnInterviews(db: Db, userId: string): Promise<OwnInterview[]> {
  const rows = await db
    .selectFrom('interviews')
    .innerJoin('applications', 'applications.id', 'interviews.application_id')
    .leftJoin('interview_scores', 'interview_scores.interview_id', 'interviews.id')
    .select([
      'interviews.id',
      'interviews.application_id',
      'interviews.status',
      'interviews.started_at',
      'interviews.ended_at',
      'interviews.duration_seconds',
      'interviews.end_reason',
      'interviews.created_at',
      'interview_scores.candidate_feedback',
    ])
    .where('applications.candidate_id', '=', userId)
    .orderBy('interviews.created_at')
    .orderBy('interviews.id')
    .execute();
  return rows.map((r) => ({
    ...r,
    started_at: readNullableTimestamp(r.started_at),
    ended_at: readNullableTimestamp(r.ended_at),
    duration_seconds: readNumber(r.duration_seconds),
    created_at: readTimestamp(r.created_at),
    candidate_feedback: r.candidate_feedback ?? null,
  }));
}

export interface OwnConsent {
  interview_id: string;
  kind: ConsentKind;
  policy_version: string;
  granted_at: string;
}

/** Every consent the candidate gave, for any of their interviews, oldest first. */
export async function listOwnConsents(db: Db, userId: string): Promise<OwnConsent[]> {
  const rows = await db
    .selectFrom('consents')
    .innerJoin('interviews', 'interviews.id', 'consents.interview_id')
    .innerJoin('applications', 'applications.id', 'interviews.application_id')
    .select(['consents.interview_id', 'consents.kind', 'consents.policy_version', 'consents.granted_at'])
    .where('applications.candidate_id', '=', userId)
    .orderBy('consents.granted_at')
    .orderBy('consents.id')
    .execute();
  return rows.map((r) => ({ ...r, kind: r.kind as ConsentKind, granted_at: readTimestamp(r.granted_at) }));
}
