import type { AiGateway } from '../../ai/gateway';
import type { AppServices } from '../../app-services';
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

async function scoreClaimed(platform: DbScope, ai: AiGateway, interviewId: string, attempt: number, log: Logger): Promise<ScoringRunOutcome> {
  try {
    await scoreInterviewAutomatically(platform, ai, interviewId, log);
    return 'scored';
  } catch (error) {
    // Nothing to retry when the interview cannot be scored as it is (not completed, no answers, gone).
    const permanent = error instanceof ConflictError || error instanceof NotFoundError;
    const retryAt = permanent || attempt >= MAX_SCORING_ATTEMPTS ? null : new Date(Date.now() + RETRY_BASE_MS * 2 ** (attempt - 1));
    await platform.run((db) => recordScoringFailure(db, interviewId, { next_attempt_at: retryAt, last_error: describeFailure(error) }));
    return retryAt ? 'retry' : 'failed';
  }
}

/** Claims and scores one interview if it is due and no other worker has it. */
export async function scoreQueuedInterview(platform: DbScope, ai: AiGateway, interviewId: string, log: Logger, now = new Date()): Promise<ScoringRunOutcome> {
  const attempt = await platform.run((db) => claimScoring(db, interviewId, now, new Date(now.getTime() + LEASE_MS), MAX_SCORING_ATTEMPTS));
  if (attempt === null) return 'not_claimed';
  return scoreClaimed(platform, ai, interviewId, attempt, log);
}

export type DrainSummary = Record<ScoringRunOutcome | 'abandoned', number>;

/** One pass of the queue: fails runs abandoned on their last attempt, then scores what is due, one at a time. */
export async function drainScoringQueue(platform: DbScope, ai: AiGateway, log: Logger): Promise<DrainSummary> {
  const now = new Date();
  const summary: DrainSummary = { scored: 0, retry: 0, failed: 0, not_claimed: 0, abandoned: 0 };
  const due = await platform.run(async (db) => {
    summary.abandoned = await failAbandonedScoring(db, now, MAX_SCORING_ATTEMPTS, 'The scoring run stopped before it finished, on its last attempt.');
    return listDueScoring(db, now, MAX_SCORING_ATTEMPTS, BATCH_SIZE);
  });
  for (const interviewId of due) {
    summary[await scoreQueuedInterview(platform, ai, interviewId, log, now)] += 1;
  }
  return summary;
}

/**
 * Scores a queued interview straight away, for the interviewer to start in the background when an interview
 * ends. Safe beside the timer (the claim decides who scores) and never rejects: a failure is recorded for retry.
 */
export async function scoreNow(services: AppServices, interviewId: string, log: Logger): Promise<ScoringRunOutcome> {
  try {
    const outcome = await scoreQueuedInterview(services.database.scopes.system, services.ai, interviewId, log);
    log.info('interview scoring attempted', { interviewId, outcome });
    return outcome;
  } catch (error) {
    log.error('interview scoring could not run; the timer will retry', { interviewId, error: error instanceof Error ? error.name : 'unknown' });
    return 'not_claimed';
  }
}
