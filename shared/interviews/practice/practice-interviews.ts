import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Caller } from '../../auth/caller';
import type { Db } from '../../db/database';
import { decodeCursor, PageQuery, toPage, type Page } from '../../db/pagination';
import { appendAudit } from '../../db/repositories/audit-log';
import { findPracticeConversation, insertPracticeInterview, listPracticeInterviews } from '../../db/repositories/practice-interviews';
import { countHits } from '../../db/repositories/rate-limit-counters';
import type { SqlDialectName } from '../../db/column-types';
import type { DbScope } from '../../db/scopes';
import { completeSegments } from '../../domain/interview';
import type { PracticeInterview } from '../../domain/privacy-practice-interviews';
import { singleLineText } from '../../validation';
import type { InterviewEndReason } from '../../domain/value-sets';
import { NotFoundError, RateLimitedError } from '../../errors';
import type { SessionTokens } from '../session/session-tokens';

export const CreatePracticeInterviewInput = z
  .strictObject({
    sample_role_type: singleLineText().trim().min(1).max(100).describe('The kind of role to practise for, e.g. software_engineer.'),
  })
  .meta({ id: 'CreatePracticeInterviewRequest' });
export type CreatePracticeInterviewInput = z.infer<typeof CreatePracticeInterviewInput>;

export const ListPracticeInterviewsQuery = z.strictObject({ ...PageQuery });
export type ListPracticeInterviewsQuery = z.infer<typeof ListPracticeInterviewsQuery>;

const DAY_SECONDS = 86_400;

/** A new practice interview and the session token its live page takes turns with (as a redeemed invitation's). */
export interface StartedPracticeInterview {
  practice_interview: PracticeInterview;
  session_token: string;
  expires_at: string;
}

/**
 * Starts a practice interview for the signed-in user; it belongs to no organisation. At most `perDay` a UTC day:
 * the day's count is one counter row, incremented atomically in the same transaction as the insert (an upsert on
 * SQLite, MERGE under HOLDLOCK on Azure SQL), so parallel starts queue on it and a refused start counts nothing.
 */
export async function createPracticeInterview(
  data: DbScope,
  tokens: SessionTokens,
  caller: Caller,
  input: CreatePracticeInterviewInput,
  context: { ipAddress: string; perDay: number; dialect: SqlDialectName },
): Promise<StartedPracticeInterview> {
  const now = new Date();
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const dayStart = nowSeconds - (nowSeconds % DAY_SECONDS);
  const practice = await data.transaction(async (trx) => {
    const bucket = `practice-interviews:user:${caller.user.id}`;
    const started = (await countHits(trx, context.dialect, new Map([[bucket, 1]]), dayStart, dayStart + DAY_SECONDS)).get(bucket) ?? 0;
    if (started > context.perDay) {
      const wait = dayStart + DAY_SECONDS - nowSeconds;
      throw new RateLimitedError(wait, `You have started ${context.perDay} practice interviews today, the most a day allows; the next can start after midnight UTC (in ${wait} seconds).`);
    }
    const created = await insertPracticeInterview(trx, {
      id: randomUUID(),
      user_id: caller.user.id,
      sample_role_type: input.sample_role_type,
      created_at: now,
    });
    await appendAudit(
      trx,
      {
        user_id: caller.user.id,
        organisation_id: null,
        action: 'practice_interview_created',
        entity_type: 'practice_interview',
        entity_id: created.id,
        new_values: { sample_role_type: created.sample_role_type },
        ip_address: context.ipAddress,
      },
      now,
    );
    return created;
  });
  const issued = await tokens.issue({ kind: 'practice', session_id: randomUUID(), practice_interview_id: practice.id, user_id: caller.user.id }, now);
  return { practice_interview: practice, session_token: issued.token, expires_at: issued.expires_at };
}

/** The signed-in user's own practice interviews, newest first. */
export async function listOwnPracticeInterviews(
  db: Db,
  caller: Caller,
  query: ListPracticeInterviewsQuery,
): Promise<Page<PracticeInterview>> {
  const rows = await listPracticeInterviews(db, caller.user.id, decodeCursor(query.cursor), query.limit + 1);
  return toPage(rows, query.limit, (p) => ({ value: p.created_at, id: p.id }), (p) => p);
}

/** A practice interview with its conversation as said (cut-off replies left out) and its feedback once ended. */
export interface PracticeInterviewDetail {
  practice_interview: PracticeInterview & { end_reason: InterviewEndReason | null; question_index: number };
  transcript: Array<{ speaker: 'ai' | 'candidate'; content: string; start_time_ms: number }>;
}

/** The caller's own practice interview; another's, or one that does not exist, is not found. */
export async function readOwnPracticeInterview(db: Db, caller: Caller, id: string): Promise<PracticeInterviewDetail> {
  const practice = await findPracticeConversation(db, id, caller.user.id);
  if (!practice) throw new NotFoundError('No such practice interview.');
  const { id: practiceId, user_id, sample_role_type, status, started_at, ended_at, duration_seconds, feedback, created_at, end_reason, question_index } = practice;
  return {
    practice_interview: { id: practiceId, user_id, sample_role_type, status, started_at, ended_at, duration_seconds, feedback, created_at, end_reason, question_index },
    transcript: completeSegments(practice.transcript).map(({ speaker, content, start_time_ms }) => ({ speaker, content, start_time_ms })),
  };
}
