import { z } from 'zod';
import type { Caller } from '../../auth/caller';
import type { Db } from '../../db/database';
import { PageQuery, toPage, type Page } from '../../db/pagination';
import { findInterviewFeedback, listFeedbackOfCandidate, type FeedbackRow } from '../../db/repositories/candidate-feedback';
import type { InterviewSession } from '../../domain/interview-session';
import { NotFoundError } from '../../errors';
import { createdAtPosition } from '../../job-roles/list-position';

/**
 * What a candidate reads about their interview afterwards: where its scoring stands and, once scored, the feedback
 * written for them. Organisations have no setting yet to show more, so this is all a candidate ever gets: never the
 * scores, dimensions, narrative or anti-cheat notes (the same rule as the candidate's view of GET /api/interviews/{id}).
 */

const SCORING = ['not_needed', 'queued', 'running', 'done', 'failed'] as const;

export const CandidateFeedbackSchema = z
  .object({
    interview_id: z.uuid(),
    application_id: z.uuid(),
    job_role_id: z.uuid(),
    role_title: z.string(),
    organisation_name: z.string(),
    status: z.string().describe('The interview status; feedback comes only after `completed`.'),
    ended_at: z.iso.datetime().nullable(),
    scoring: z
      .enum(SCORING)
      .nullable()
      .describe('Null while the interview is not over; not_needed when the candidate said nothing to score.'),
    feedback: z.string().nullable().describe('The feedback written for the candidate, once scoring is done.'),
  })
  .meta({ id: 'CandidateFeedback' });

export type CandidateFeedback = z.infer<typeof CandidateFeedbackSchema>;

function toCandidateFeedback(row: FeedbackRow): CandidateFeedback {
  const ended = row.status === 'completed';
  const scoring = ended ? ((row.scoring_status ?? 'not_needed') as CandidateFeedback['scoring']) : null;
  return {
    interview_id: row.interview_id,
    application_id: row.application_id,
    job_role_id: row.job_role_id,
    role_title: row.role_title,
    organisation_name: row.organisation_name,
    status: row.status,
    ended_at: row.ended_at,
    scoring,
    feedback: scoring === 'done' ? row.candidate_feedback : null,
  };
}

/** For the completion page, with the session token: this interview only. */
export async function readSessionFeedback(db: Db, session: InterviewSession): Promise<CandidateFeedback> {
  const row = await findInterviewFeedback(db, session.interview_id);
  if (!row) throw new NotFoundError('The interview no longer exists.');
  return toCandidateFeedback(row);
}

export const ListCandidateFeedbackQuery = z.strictObject({ ...PageQuery });
export type ListCandidateFeedbackQuery = z.infer<typeof ListCandidateFeedbackQuery>;

/** For the portal's feedback tab: every finished interview of the caller's applications, newest first. */
export async function listCandidateFeedback(db: Db, caller: Caller, query: ListCandidateFeedbackQuery): Promise<Page<CandidateFeedback>> {
  const rows = await listFeedbackOfCandidate(db, { candidate_id: caller.user.id, after: createdAtPosition(query.cursor), rows: query.limit + 1 });
  return toPage(rows, query.limit, (row) => ({ value: row.created_at, id: row.interview_id }), toCandidateFeedback);
}
