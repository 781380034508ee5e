import type { Db } from '../database';
import { firstRows } from '../dialect';
import { olderThan } from '../pagination';
import { readNullableTimestamp, readTimestamp } from '../values';

/** An interview of one of the candidate's applications with what they may read of its scoring: the feedback only. */
export interface FeedbackRow {
  interview_id: string;
  application_id: string;
  job_role_id: string;
  role_title: string;
  organisation_name: string;
  status: string;
  ended_at: string | null;
  scoring_status: string | null;
  candidate_feedback: string | null;
  created_at: string;
}

function selectFeedback(db: Db) {
  return db
    .selectFrom('interviews')
    .innerJoin('applications', 'applications.id', 'interviews.application_id')
    .innerJoin('job_roles', 'job_roles.id', 'applications.job_role_id')
    .innerJoin('organisations', 'organisations.id', 'job_roles.organisation_id')
    .select([
      'interviews.id as interview_id',
      'interviews.application_id',
      'applications.job_role_id',
      'job_roles.title as role_title',
      'organisations.name as organisation_name',
      'interviews.status',
      'interviews.ended_at',
      'interviews.scoring_status',
      'interviews.created_at',
      // The score's other columns (overall, dimensions, narrative, risk) are the organisation's and never selected.
      (eb) => eb.selectFrom('interview_scores').select('interview_scores.candidate_feedback').whereRef('interview_scores.interview_id', '=', 'interviews.id').as('candidate_feedback'),
    ]);
}

type SelectedRow = Omit<FeedbackRow, 'ended_at' | 'created_at'> & { ended_at: Date | string | null; created_at: Date | string };

function toFeedbackRow(row: SelectedRow): FeedbackRow {
  return { ...row, ended_at: readNullableTimestamp(row.ended_at), created_at: readTimestamp(row.created_at) };
}

export async function findInterviewFeedback(db: Db, interviewId: string): Promise<FeedbackRow | null> {
  const row = await selectFeedback(db).where('interviews.id', '=', interviewId).executeTakeFirst();
  return row ? toFeedbackRow(row) : null;
}

/** The candidate's finished interviews across all their applications, newest first. */
export async function listFeedbackOfCandidate(
  db: Db,
  query: { candidate_id: string; after: { created_at: string; id: string } | null; rows: number },
): Promise<FeedbackRow[]> {
  let select = selectFeedback(db).where('applications.candidate_id', '=', query.candidate_id).where('interviews.status', '=', 'completed');
  const after = query.after;
  if (after) select = select.where(olderThan('interviews.created_at', 'interviews.id', { at: new Date(after.created_at), id: after.id }));
  const rows = await firstRows(db, select.orderBy('interviews.created_at', 'desc').orderBy('interviews.id', 'desc'), query.rows).execute();
  return rows.map(toFeedbackRow);
}
