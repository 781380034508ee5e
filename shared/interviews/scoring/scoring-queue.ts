import type { AiGateway } from '../../ai/gateway';
import type { AppServices } from '../../app-services';
import type { Db } from '../../db/database';
import { withSystemScope } from '../../db/request-scope';
import {
  claimScoring,
  failAbandonedScoring,
  listDueScoring,
  queueInterviewScoring,
  recordScoringFailure,
} from '../../db/repositories/scores';
import { ConflictError, DomainError, NotFoundError } from '../../errors';
import type { Logger } from '../../observability/logger';
import { scoreInterviewAutomatically } from './score-interview';

/**
 * Automatic scoring when an interview ends, as an outbox: the interviewer queues the interview, a worker (the
 * timer, or scoreNow right after the interview) claims it with one conditional update, scores it, and on a
 * failure queues it again with a growing delay, up to MAX_SCORING_ATTEMPTS, then marks it failed.
 */
export const MAX_SCORING_ATTEMPTS = 5;
/** Longer than a scoring run (two model calls within the AI deadline) can take. */
const LEASE_MS = 5 * 60_000;
const RETRY_BASE_MS = 30_000;
/** Interviews one timer run takes on; the rest wait for the next minute. */
const BATCH_SIZE = 10;

export type ScoringRunOutcome = 'scored' | 'retry' | 'failed' | 'not_claimed';

/** Queues scoring of an interview that has ended; call it in the transaction that completes the interview. */
export async function queueScoring(db: Db, interviewId: string): Promise<boolean> {
  return queueInterviewScoring(db, interviewId, new Date());
}

/** What scoring_last_error keeps of a failure: our own message or the error's kind, never data from the interview. */
function describeFailure(error: unknown): string {
  if (error instanceof DomainError) return `${error.kind}: ${error.message}`;
  return `internal error (${error instanceof Error ? error.name : 'unknown'}); see the function logs`;
}

async function scoreClaimed(db: Db, ai: AiGateway, interviewId: string, attempt: number): Promise<ScoringRunOutcome> {
  try {
    await scoreInterviewAutomatically(db, ai, interviewId);
    return 'scored';
  } catch (error) {
    // Nothing to retry when the interview cannot be scored as it is (not completed, no answers, gone).
    const permanent = error instanceof ConflictError || error instanceof NotFoundError;
    const retryAt = permanent || attempt >= MAX_SCORING_ATTEMPTS ? null : new Date(Date.now() + RETRY_BASE_MS * 2 ** (attempt - 1));
    await recordScoringFailure(db, interviewId, { next_attempt_at: retryAt, last_error: describeFailure(error) });
    return retryAt ? 'retry' : 'failed';
  }
}

/** Claims and scores one interview if it is due and no other worker has it. */
export async function scoreQueuedInterview(db: Db, ai: AiGateway, interviewId: string, now = new Date()): Promise<ScoringRunOutcome> {
  const attempt = await claimScoring(db, interviewId, now, new Date(now.getTime() + LEASE_MS), MAX_SCORING_ATTEMPTS);
  if (attempt === null) return 'not_claimed';
  return scoreClaimed(db, ai, interviewId, attempt);
}

export type DrainSummary = Record<ScoringRunOutcome | 'abandoned', number>;

/** One pass of the queue: fails runs abandoned on their last attempt, then scores what is due, one at a time. */
export async function drainScoringQueue(db: Db, ai: AiGateway): Promise<DrainSummary> {
  const now = new Date();
  const summary: DrainSummary = { scored: 0, retry: 0, failed: 0, not_claimed: 0, abandoned: 0 };
  summary.abandoned = await failAbandonedScoring(db, now, MAX_SCORING_ATTEMPTS, 'The scoring run stopped before it finished, on its last attempt.');
  for (const interviewId of await listDueScoring(db, now, MAX_SCORING_ATTEMPTS, BATCH_SIZE)) {
    summary[await scoreQueuedInterview(db, ai, interviewId, now)] += 1;
  }
  return summary;
}

/**
 * Scores a queued interview straight away, for the interviewer to start in the background when an interview
 * ends. Safe beside the timer (the claim decides who scores) and never rejects: a failure is recorded for retry.
 */
export async function scoreNow(services: AppServices, interviewId: string, log?: Logger): Promise<ScoringRunOutcome> {
  try {
    const outcome = await withSystemScope(services.database, (db) => scoreQueuedInterview(db, services.ai, interviewId));
    log?.info('interview scoring attempted', { interviewId, outcome });
    return outcome;
  } catch (error) {
    log?.error('interview scoring could not run; the timer will retry', { interviewId, error: error instanceof Error ? error.name : 'unknown' });
    return 'not_claimed';
  }
}
