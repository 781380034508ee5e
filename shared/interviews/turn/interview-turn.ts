import { z } from 'zod';
import type { AppServices } from '../../app-services';
import type { Db } from '../../db/database';
import {
  advanceInterview,
  deletePartialReply,
  findTurnContext,
  insertSegment,
  startInterview,
  type ConversationContext,
} from '../../db/repositories/interview-conversation';
import { isUniqueViolation } from '../../db/errors';
import { completeSegments, type TranscriptSegment } from '../../domain/interview';
import type { DbScope } from '../../db/scopes';
import type { Logger } from '../../observability/logger';
import type { InterviewSession } from '../../domain/interview-session';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import { CONSENT_POLICY_VERSION, INTERVIEW_MINUTES, questionCount } from '../session/lobby';
import { announceScoring } from '../scoring/scoring-queue';
import { closeInterview } from '../session/interview-ending';
import { interviewerTask, type InterviewerInput } from './interviewer-task';
import { competenciesOf, detectCompetencies, nextAction, PRACTICE_QUESTION_COUNT, type NextAction } from '../plan/interview-plan';
import { multiLineText } from '../../validation';

export const InterviewTurnInput = z
  .strictObject({
    message: multiLineText().trim().max(4000).default('').describe("The candidate's words; empty for the opening turn."),
    clientTurnId: z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9._:-]+$/).describe('Unique per turn; a retry with the same id gets the stored reply.'),
  })
  .meta({ id: 'InterviewTurnRequest' });

export type InterviewTurnInput = z.infer<typeof InterviewTurnInput>;

/** What the client gets when a turn is done (the original's fields, plus the plan's position). */
export interface TurnResult {
  message: string;
  detectedCompetencies: string[];
  /** The first competency newly covered this turn: the field the original client read but never got. */
  competencyCovered: string | null;
  questionIndex: number;
  interviewOver: boolean;
  provider: string;
  partial: boolean;
}

export const TurnResultSchema = z
  .object({
    message: z.string(),
    detectedCompetencies: z.array(z.string()),
    competencyCovered: z.string().nullable(),
    questionIndex: z.number().int(),
    interviewOver: z.boolean(),
    provider: z.string(),
    partial: z.boolean(),
  })
  .meta({ id: 'InterviewTurnResult' });

export type PreparedTurn =
  | { kind: 'replay'; result: TurnResult }
  | { kind: 'generate'; deltas: AsyncIterable<string>; provider: string; finish(text: string, partial: boolean): Promise<TurnResult> };

function valuesOf(framework: unknown): string[] {
  const list = Array.isArray(framework) ? framework : (framework as { values?: unknown } | null)?.values;
  return Array.isArray(list) ? list.filter((v): v is string => typeof v === 'string').slice(0, 10) : [];
}

function turnOf(segments: TranscriptSegment[], clientTurnId: string) {
  return {
    candidate: segments.find((s) => s.speaker === 'candidate' && s.client_turn_id === clientTurnId),
    reply: segments.find((s) => s.speaker === 'ai' && s.client_turn_id === clientTurnId),
  };
}

/**
 * One interviewer turn. The server owns the conversation: it checks the turn against what is stored, decides what
 * the interviewer does next from the plan, stores the candidate's words and, afterwards, the reply. One read
 * before the model stream opens (the database round trips before the first byte: docs/performance.md); the
 * candidate's words are written while the model works on its first token, and written too if the model cannot
 * be reached. No connection is held while the model answers. A retried turn id replays the stored reply.
 */
export async function prepareTurn(data: DbScope, services: AppServices, session: InterviewSession, input: InterviewTurnInput, log: Logger, signal?: AbortSignal): Promise<PreparedTurn> {
  const prepared = await data.run((db) => planTurn(db, session, input));
  if (prepared.kind === 'replay') return prepared;
  const { context, interviewerInput, action, startedAt, covered, detected, record } = prepared;
  const stream = await services.ai.streamText(interviewerTask, interviewerInput, { organisationId: context.organisation_id, log, signal }).catch(async (error: unknown) => {
    await data.run(record);
    throw error;
  });
  await data.run(record).catch(async (error: unknown) => {
    await stream.deltas[Symbol.asyncIterator]().return?.();
    throw error;
  });
  const newlyCovered = detected.filter((d) => !context.competencies_covered.includes(d));

  return {
    kind: 'generate',
    deltas: stream.deltas,
    provider: stream.provider,
    finish: async (text, partial) => {
      const result = await data.transaction((trx) =>
        finishTurn(trx, context, { input, action, text, partial, startedAt, covered, detected, newlyCovered, provider: stream.provider }),
      );
      // After the commit: the interview-scoring message starts scoring; the sweeper re-sends it if this one is lost.
      if (result.interviewOver) await announceScoring(services.queues, log, context.interview_id);
      return result;
    },
  };
}

type PlannedTurn =
  | { kind: 'replay'; result: TurnResult }
  | {
      kind: 'generate';
      context: ConversationContext;
      interviewerInput: InterviewerInput;
      action: NextAction;
      startedAt: Date;
      covered: string[];
      detected: string[];
      /** Stores the candidate's words (and starts the interview, or clears a cut-off reply being retried). */
      record: (db: Db) => Promise<void>;
    };

/** Checks the turn against the conversation (one read) and builds the interviewer's input and the writes to make. */
async function planTurn(db: Db, session: InterviewSession, input: InterviewTurnInput): Promise<PlannedTurn> {
  const found = await findTurnContext(db, session.interview_id);
  if (!found) throw new NotFoundError('The interview no longer exists.');
  const { context, transcript: segments, consents } = found;
  const turn = turnOf(segments, input.clientTurnId);

  // A turn id names one message for good: the opening's (empty) included, whether or not its reply is stored yet.
  if ((turn.candidate?.content ?? (turn.reply ? '' : input.message)) !== input.message) throw new ConflictError('This turn id was already used for a different message.');
  if (turn.reply && !turn.reply.is_partial) {
    return { kind: 'replay', result: replayed(turn.reply, context) };
  }
  if (context.status === 'completed' || context.status === 'cancelled') throw new ConflictError('This interview has finished.');
  if (!consents.some((c) => c.kind === 'ai_processing' && c.policy_version === CONSENT_POLICY_VERSION)) {
    throw new ForbiddenError('Consent to AI processing is needed before the interview can start.');
  }

  const now = new Date();
  const isOpening = segments.length === 0;
  if (!isOpening && !turn.candidate && input.message.length === 0) {
    throw new ValidationError('Say something first: the message is empty.', [{ path: 'message', message: 'required after the opening turn' }]);
  }
  if (isOpening && input.message.length > 0) {
    throw new ValidationError('The opening turn has no message: the interviewer speaks first.', [{ path: 'message', message: 'must be empty for the opening turn' }]);
  }
  const startedAt = context.started_at ? new Date(context.started_at) : now;
  const elapsed = now.getTime() - startedAt.getTime();
  const record = async (writer: Db) => {
    if (isOpening) await startInterview(writer, context.interview_id, now);
    if (turn.reply?.is_partial) await deletePartialReply(writer, context.interview_id, input.clientTurnId);
    if (turn.candidate || input.message.length === 0) return;
    try {
      await insertSegment(writer, { interview_id: context.interview_id, speaker: 'candidate', content: input.message, start_time_ms: elapsed, client_turn_id: input.clientTurnId, at: now });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('This turn is already being answered.');
      throw error;
    }
  };

  const totalQuestions = context.is_practice ? PRACTICE_QUESTION_COUNT : questionCount(context.interview_structure);
  const competencies = competenciesOf(context.requirements);
  const detected = input.message ? detectCompetencies(input.message, competencies) : [];
  const covered = [...new Set([...context.competencies_covered, ...detected])];
  const action = nextAction({
    question_index: context.question_index,
    total_questions: totalQuestions,
    questions: context.interview_structure?.questions ?? context.requirements?.interviewQuestions ?? [],
    competencies_to_cover: competencies,
    competencies_covered: covered,
    elapsed_ms: elapsed,
    is_opening: isOpening,
  });
  const interviewerInput: InterviewerInput = {
    role_title: context.role_title,
    company_name: context.company_name,
    responsibilities: context.requirements?.responsibilities ?? [],
    skills: context.requirements?.skills ?? [],
    values: valuesOf(context.values_framework),
    background: context.is_practice ? null : found.background,
    is_practice: context.is_practice,
    duration_minutes: INTERVIEW_MINUTES,
    total_questions: totalQuestions,
    transcript: [...completeSegments(segments), ...(turn.candidate || !input.message ? [] : [{ speaker: 'candidate' as const, content: input.message }])],
    action,
    question_index: context.question_index,
  };
  return { kind: 'generate', context, interviewerInput, action, startedAt, covered, detected, record };
}

async function finishTurn(
  trx: Db,
  context: ConversationContext,
  turn: { input: InterviewTurnInput; action: NextAction; text: string; partial: boolean; startedAt: Date; covered: string[]; detected: string[]; newlyCovered: string[]; provider: string },
): Promise<TurnResult> {
  const at = new Date();
  const elapsed = at.getTime() - turn.startedAt.getTime();
  const over = turn.action.kind === 'wrap_up' && !turn.partial;
  const questionIndex = turn.partial || turn.action.kind === 'wrap_up' ? context.question_index : context.question_index + 1;
  if (turn.text.length > 0 || !turn.partial) {
    await insertSegment(trx, { interview_id: context.interview_id, speaker: 'ai', content: turn.text, start_time_ms: elapsed, client_turn_id: turn.input.clientTurnId, is_partial: turn.partial, at });
  }
  // Only from the position this turn was planned at: a concurrent turn that moved first wins, this one is refused.
  const advanced = await advanceInterview(trx, context.interview_id, { from_question_index: context.question_index, question_index: questionIndex, competencies_covered: turn.covered, at });
  if (!advanced) throw new ConflictError('Another turn of this interview was answered at the same time; nothing of this reply was kept.');
  if (over && turn.action.kind === 'wrap_up') {
    await closeInterview(trx, context, { reason: turn.action.reason, at, duration_seconds: Math.round(elapsed / 1000) });
  }
  return {
    message: turn.text,
    detectedCompetencies: turn.detected,
    competencyCovered: turn.newlyCovered[0] ?? null,
    questionIndex,
    interviewOver: over,
    provider: turn.provider,
    partial: turn.partial,
  };
}

function replayed(reply: TranscriptSegment, context: ConversationContext): TurnResult {
  return {
    message: reply.content,
    detectedCompetencies: [],
    competencyCovered: null,
    questionIndex: context.question_index,
    interviewOver: context.status === 'completed',
    provider: 'stored',
    partial: false,
  };
}
