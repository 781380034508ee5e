import type { AiGateway } from '../../ai/gateway';
import type { Db } from '../../db/database';
import type { DbScope } from '../../db/scopes';
import {
  claimScoring,
  failAbandonedScoring,
  listDueScoring,
  queueInterviewScoring,
  recordScoringFailure,
} from '../../db/repositories/scores';
import { ConflictError, DomainError, NotFoundError } from '../../errors';
import type { Logger } from '../../observability/logger';
import { enqueueCommittedWork, secondsUntil } from '../../queues/enqueue';
import type { WorkQueues } from '../../queues/work-queues';
import { scoreInterviewAutomatically } from './score-interview';

/**
 * Automatic scoring when an interview ends, as an outbox: the interviewer marks the interview queued in the
 * transaction that completes it and, after the commit, sends an interview-scoring message. The queue function claims
 * the interview with one conditional update, scores it, and on a failure queues it again with a growing delay (a
 * delayed message), up to MAX_SCORING_ATTEMPTS, then marks it failed. The sweeper re-sends lost messages.
 */
export const MAX_SCORING_ATTEMPTS = 5;
/** Longer than a scoring run (two model calls within the AI deadline) can take. */
const LEASE_MS = 5 * 60_000;
const RETRY_BASE_MS = 30_000;
/** An interview due this long and not taken lost its message. */
export const LOST_AFTER_MS = 10 * 60_000;
const SWEEP_BATCH = 100;

export type ScoringRunOutcome = 'scored' | 'retry' | 'failed' | 'not_claimed';

/** Queues scoring of an interview that has ended; call it in the transaction that completes the interview. */
export async function queueScoring(db: Db, interviewId: string): Promise<boolean> {
  return queueInterviewScoring(db, interviewId, new Date());
}

/** After the transaction that queued the interview has committed: the message that gets it scored. */
export function announceScoring(queues: WorkQueues, log: Logger, interviewId: string): Promise<boolean> {
  return enqueueCommittedWork(queues, log, 'interview-scoring', { interviewId });
}

/** What scoring_last_error keeps of a failure: our own message or the error's kind, never data from the interview. */
function describeFailure(error: unknown): string {
  if (error instanceof DomainError) return `${error.kind}: ${error.message}`;
  return `internal error (${error instanceof Error ? error.name : 'unknown'}); see the function logs`;
}

/** Claims and scores one interview if it is due and no other worker has it; a failure is recorded for a retry. */
export async function scoreQueuedInterview(system: DbScope, ai: AiGateway, interviewId: string, log: Logger): Promise<{ outcome: ScoringRunOutcome; retryAt?: Date }> {
  const now = new Date();
  const attempt = await system.run((db) => claimScoring(db, interviewId, now, new Date(now.getTime() + LEASE_MS), MAX_SCORING_ATTEMPTS));
  if (attempt === null) return { outcome: 'not_claimed' };
  try {
    await scoreInterviewAutomatically(system, ai, interviewId, log);
    return { outcome: 'scored' };
  } catch (error) {
    // Nothing to retry when the interview cannot be scored as it is (not completed, no answers, gone).
    const permanent = error instanceof ConflictError || error instanceof NotFoundError;
    const retryAt = permanent || attempt >= MAX_SCORING_ATTEMPTS ? null : new Date(Date.now() + RETRY_BASE_MS * 2 ** (attempt - 1));
    await system.run((db) => recordScoringFailure(db, interviewId, { next_attempt_at: retryAt, last_error: describeFailure(error) }));
    return retryAt ? { outcome: 'retry', retryAt } : { outcome: 'failed' };
  }
}

/** The queue function's work: score the interview, and for a retry enqueue the next attempt for when it is due. */
export async function scoreFromQueue(system: DbScope, ai: AiGateway, queues: WorkQueues, log: Logger, interviewId: string): Promise<ScoringRunOutcome> {
  const run = await scoreQueuedInterview(system, ai, interviewId, log);
  if (run.retryAt) await enqueueCommittedWork(queues, log, 'interview-scoring', { interviewId }, { delaySeconds: secondsUntil(run.retryAt) });
  return run.outcome;
}

/** The sweeper's work: fails runs abandoned on their last attempt, and enqueues again interviews whose message was lost. */
export async function sweepScoringQueue(system: DbScope, queues: WorkQueues, log: Logger): Promise<{ abandoned: number; enqueued: number }> {
  const now = new Date();
  const { abandoned, lost } = await system.run(async (db) => ({
    abandoned: await failAbandonedScoring(db, now, MAX_SCORING_ATTEMPTS, 'The scoring run stopped before it finished, on its last attempt.'),
    lost: await listDueScoring(db, new Date(now.getTime() - LOST_AFTER_MS), MAX_SCORING_ATTEMPTS, SWEEP_BATCH),
  }));
  let enqueued = 0;
  for (const interviewId of lost) if (await announceScoring(queues, log, interviewId)) enqueued += 1;
  return { abandoned, enqueued };
}
