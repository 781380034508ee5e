import { z } from 'zod';
import type { Db } from '../../db/database';
import { appendAudit } from '../../db/repositories/audit-log';
import {
  completeInterview,
  findConversationContext,
  findInterviewEnding,
  hasCandidateAnswers,
  lastTurnAt,
  listAbandonedInterviews,
  type ConversationContext,
  type InterviewEnding,
} from '../../db/repositories/interview-conversation';
import type { DbScope } from '../../db/scopes';
import type { InterviewSession } from '../../domain/interview-session';
import { INTERVIEW_END_REASONS, type InterviewEndReason } from '../../domain/value-sets';
import { ConflictError, NotFoundError } from '../../errors';
import type { Logger } from '../../observability/logger';
import type { WorkQueues } from '../../queues/work-queues';
import { announceScoring, queueScoring } from '../scoring/scoring-queue';
import { INTERVIEW_MINUTES } from './lobby';

/** How one interview ended: whether this call ended it, and whether scoring was queued with what was said. */
export interface InterviewClosing {
  ended: boolean;
  scoring_queued: boolean;
}

type ClosingSubject = Pick<ConversationContext, 'interview_id' | 'application_id' | 'candidate_id' | 'organisation_id'>;

/**
 * Ends a running interview in the caller's transaction: the reason and length on the interview, scoring queued
 * when the candidate said anything, and the application moved from invited to interviewed with its audit row.
 * Nothing happens when it had already ended, so a hang-up racing the last turn or the sweeper ends it once.
 */
export async function closeInterview(trx: Db, subject: ClosingSubject, end: { reason: InterviewEndReason; at: Date; duration_seconds: number }): Promise<InterviewClosing> {
  const outcome = await completeInterview(trx, subject.interview_id, subject.application_id, { at: end.at, duration_seconds: end.duration_seconds, end_reason: end.reason });
  if (!outcome.ended) return { ended: false, scoring_queued: false };
  const scoringQueued = (await hasCandidateAnswers(trx, subject.interview_id)) && (await queueScoring(trx, subject.interview_id));
  if (outcome.application_moved) {
    await appendAudit(
      trx,
      {
        user_id: subject.candidate_id,
        organisation_id: subject.organisation_id,
        action: 'application_status_changed',
        entity_type: 'application',
        entity_id: subject.application_id,
        old_values: { status: 'invited' },
        new_values: { status: 'interviewed', by: 'interview_completed', end_reason: end.reason },
      },
      end.at,
    );
  }
  return { ended: true, scoring_queued: scoringQueued };
}

/** Seconds from the start to `until`, never past the interview's hard cap of fifteen minutes. */
export function lengthInSeconds(startedAt: string | null, until: Date): number {
  if (!startedAt) return 0;
  return Math.max(0, Math.min(INTERVIEW_MINUTES * 60, Math.round((until.getTime() - new Date(startedAt).getTime()) / 1000)));
}

export const EndInterviewInput = z
  .strictObject({
    reason: z
      .enum(['candidate_hung_up', 'time_up'])
      .describe("candidate_hung_up: the candidate's hang-up button; time_up: the page's 15-minute timer ran out."),
  })
  .meta({ id: 'EndInterviewRequest' });
export type EndInterviewInput = z.infer<typeof EndInterviewInput>;

/** not_needed: the candidate said nothing to score; otherwise where the queued scoring stands. */
export interface InterviewEnded {
  interview: InterviewEnding;
}

export const InterviewEndedSchema = z
  .object({
    interview: z.object({
      id: z.uuid(),
      status: z.literal('completed'),
      ended_at: z.iso.datetime(),
      end_reason: z.enum(INTERVIEW_END_REASONS).nullable().describe('Null for interviews that ended before reasons were recorded.'),
      duration_seconds: z.number().int().nullable(),
      scoring: z.enum(['not_needed', 'queued', 'running', 'done', 'failed']),
    }),
  })
  .meta({ id: 'InterviewEnded' });

/**
 * The candidate ends their interview without another turn: the hang-up button or the page's timer. Ending an
 * interview that has already ended answers how it ended (a retried hang-up is harmless); one that never started
 * cannot be ended (the candidate may still come back to it). The session stays valid for reading feedback.
 */
export async function endInterviewForCandidate(data: DbScope, queues: WorkQueues, log: Logger, session: InterviewSession, input: EndInterviewInput): Promise<InterviewEnded> {
  const { view, closing } = await data.transaction(async (trx) => {
    const context = await findConversationContext(trx, session.interview_id);
    if (!context) throw new NotFoundError('The interview no longer exists.');
    if (context.status === 'cancelled') throw new ConflictError('This interview was cancelled.');
    if (context.status !== 'completed' && context.started_at === null) throw new ConflictError('The interview has not started: there is nothing to end yet.');
    const at = new Date();
    const ending = context.status === 'completed' ? null : await closeInterview(trx, context, { reason: input.reason, at, duration_seconds: lengthInSeconds(context.started_at, at) });
    const view = await findInterviewEnding(trx, context.interview_id);
    if (!view) throw new ConflictError('The interview has not ended.');
    return { view: { interview: view }, closing: ending };
  });
  if (closing?.scoring_queued) await announceScoring(queues, log, session.interview_id);
  return view;
}

const ABANDONED_BATCH = 100;

/**
 * The platform closes interviews nobody has taken a turn in for `idleMs`: each is ended as abandoned in its own
 * short transaction (its length up to the last turn) and, when the candidate said anything, scored with that.
 */
export async function closeAbandonedInterviews(system: DbScope, queues: WorkQueues, log: Logger, idleMs: number, now = new Date()): Promise<{ closed: number; scoring_queued: number }> {
  const ids = await system.run((db) => listAbandonedInterviews(db, new Date(now.getTime() - idleMs), ABANDONED_BATCH));
  let closed = 0;
  let queued = 0;
  for (const interviewId of ids) {
    const closing = await system.transaction(async (trx) => {
      const context = await findConversationContext(trx, interviewId);
      if (!context || context.status !== 'in_progress') return null;
      const lastTurn = await lastTurnAt(trx, interviewId);
      return closeInterview(trx, context, { reason: 'abandoned', at: now, duration_seconds: lengthInSeconds(context.started_at, new Date(lastTurn ?? context.started_at ?? now)) });
    });
    if (!closing?.ended) continue;
    closed += 1;
    if (closing.scoring_queued && (await announceScoring(queues, log, interviewId))) queued += 1;
  }
  return { closed, scoring_queued: queued };
}
