import { setImmediate } from 'node:timers/promises';
import { z } from 'zod';
import type { AppServices } from '../../app-services';
import type { Db } from '../../db/database';
import { completeSegments } from '../../domain/interview';
import type { DbScope } from '../../db/scopes';
import type { Logger } from '../../observability/logger';
import { isPracticeSession, type AnySession } from '../../domain/interview-session';
import { ConflictError, ForbiddenError, ValidationError } from '../../errors';
import { INTERVIEW_MINUTES } from '../session/lobby';
import { practiceConversation } from '../practice/practice-conversation';
import type { Conversation, ConversationSegment, ConversationState } from './conversation';
import { invitedConversation } from './invited-conversation';
import { interviewerTask, type InterviewerInput } from './interviewer-task';
import { detectCompetencies, nextAction, type NextAction } from '../plan/interview-plan';
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

function turnOf(segments: ConversationSegment[], clientTurnId: string) {
  return {
    candidate: segments.find((s) => s.speaker === 'candidate' && s.client_turn_id === clientTurnId),
    reply: segments.find((s) => s.speaker === 'ai' && s.client_turn_id === clientTurnId),
  };
}

/** The conversation a session reaches: an invited interview, or the signed-in candidate's practice interview. */
function conversationOf(data: DbScope, services: AppServices, session: AnySession, log: Logger): Conversation {
  return isPracticeSession(session) ? practiceConversation(data, services.ai, session, log) : invitedConversation(session, services, log);
}

/**
 * One interviewer turn. The server owns the conversation: it checks the turn against what is stored, decides what
 * the interviewer does next from the plan, stores the candidate's words and, afterwards, the reply. One read
 * before the model request (the database round trips before the first byte: docs/performance.md); the
 * candidate's words are written while the model works on its first token, and written too if the model cannot
 * be reached. No connection is held while the model answers. A retried turn id replays the stored reply.
 * Invited and practice interviews follow the same rules.
 */
export async function prepareTurn(data: DbScope, services: AppServices, session: AnySession, input: InterviewTurnInput, log: Logger, signal?: AbortSignal): Promise<PreparedTurn> {
  const conversation = conversationOf(data, services, session, log);
  const prepared = await data.run((db) => planTurn(db, conversation, input));
  if (prepared.kind === 'replay') return prepared;
  const { state, interviewerInput, action, startedAt, covered, detected, record } = prepared;
  const opening = services.ai.streamText(interviewerTask, interviewerInput, { organisationId: state.organisation_id, log, signal });
  opening.catch(() => undefined); // settled below; a refusal before then is not unhandled
  // The client sends the model request in the microtasks of this call; the words are written after it, while the
  // model works on its first token, so that write is neither before the request nor in front of the first byte.
  await setImmediate();
  const [opened, recorded] = await Promise.allSettled([opening, data.run(record)]);
  if (recorded.status === 'rejected') {
    if (opened.status === 'fulfilled') await opened.value.deltas[Symbol.asyncIterator]().return?.();
    throw recorded.reason;
  }
  if (opened.status === 'rejected') throw opened.reason;
  const stream = opened.value;
  const newlyCovered = detected.filter((d) => !state.competencies_covered.includes(d));

  return {
    kind: 'generate',
    deltas: stream.deltas,
    provider: stream.provider,
    finish: async (text, partial) => {
      const result = await data.transaction((trx) =>
        finishTurn(trx, conversation, state, { input, action, text, partial, startedAt, covered, detected, newlyCovered, provider: stream.provider }),
      );
      if (result.interviewOver) await conversation.afterEnd();
      return result;
    },
  };
}

type PlannedTurn =
  | { kind: 'replay'; result: TurnResult }
  | {
      kind: 'generate';
      state: ConversationState;
      interviewerInput: InterviewerInput;
      action: NextAction;
      startedAt: Date;
      covered: string[];
      detected: string[];
      /** Stores the candidate's words (and starts the interview, or clears a cut-off reply being retried). */
      record: (db: Db) => Promise<void>;
    };

/** Checks the turn against the conversation (one read) and builds the interviewer's input and the writes to make. */
async function planTurn(db: Db, conversation: Conversation, input: InterviewTurnInput): Promise<PlannedTurn> {
  const state = await conversation.load(db);
  const { segments, plan } = state;
  const turn = turnOf(segments, input.clientTurnId);

  // A turn id names one message for good: the opening's (empty) included, whether or not its reply is stored yet.
  if ((turn.candidate?.content ?? (turn.reply ? '' : input.message)) !== input.message) throw new ConflictError('This turn id was already used for a different message.');
  if (turn.reply && !turn.reply.is_partial) {
    return { kind: 'replay', result: replayed(turn.reply, state) };
  }
  if (state.status === 'completed' || state.status === 'cancelled') throw new ConflictError('This interview has finished.');
  if (!state.consented) throw new ForbiddenError('Consent to AI processing is needed before the interview can start.');

  const now = new Date();
  const isOpening = segments.length === 0;
  if (!isOpening && !turn.candidate && input.message.length === 0) {
    throw new ValidationError('Say something first: the message is empty.', [{ path: 'message', message: 'required after the opening turn' }]);
  }
  if (isOpening && input.message.length > 0) {
    throw new ValidationError('The opening turn has no message: the interviewer speaks first.', [{ path: 'message', message: 'must be empty for the opening turn' }]);
  }
  const startedAt = state.started_at ? new Date(state.started_at) : now;
  const elapsed = now.getTime() - startedAt.getTime();
  const words = !turn.candidate && input.message.length > 0 ? { content: input.message, start_time_ms: elapsed, at: now } : null;
  const record = async (writer: Db) => {
    if (isOpening) await conversation.start(writer, now);
    if (turn.reply?.is_partial || words) await conversation.storeCandidateWords(writer, input.clientTurnId, { dropPartialReply: turn.reply?.is_partial ?? false, words });
  };

  const detected = input.message ? detectCompetencies(input.message, plan.competencies) : [];
  const covered = [...new Set([...state.competencies_covered, ...detected])];
  const action = nextAction({
    question_index: state.question_index,
    total_questions: plan.total_questions,
    questions: plan.questions,
    competencies_to_cover: plan.competencies,
    competencies_covered: covered,
    elapsed_ms: elapsed,
    is_opening: isOpening,
  });
  const interviewerInput: InterviewerInput = {
    role_title: plan.role_title,
    company_name: plan.company_name,
    responsibilities: plan.responsibilities,
    skills: plan.skills,
    values: plan.values,
    background: plan.is_practice ? null : state.background,
    is_practice: plan.is_practice,
    duration_minutes: INTERVIEW_MINUTES,
    total_questions: plan.total_questions,
    transcript: [...completeSegments(segments), ...(turn.candidate || !input.message ? [] : [{ speaker: 'candidate' as const, content: input.message, client_turn_id: input.clientTurnId, is_partial: false }])].map(({ speaker, content }) => ({ speaker, content })),
    action,
    question_index: state.question_index,
  };
  return { kind: 'generate', state, interviewerInput, action, startedAt, covered, detected, record };
}

async function finishTurn(
  trx: Db,
  conversation: Conversation,
  state: ConversationState,
  turn: { input: InterviewTurnInput; action: NextAction; text: string; partial: boolean; startedAt: Date; covered: string[]; detected: string[]; newlyCovered: string[]; provider: string },
): Promise<TurnResult> {
  const at = new Date();
  const elapsed = at.getTime() - turn.startedAt.getTime();
  const over = turn.action.kind === 'wrap_up' && !turn.partial;
  const questionIndex = turn.partial || turn.action.kind === 'wrap_up' ? state.question_index : state.question_index + 1;
  // Only from the position this turn was planned at: a concurrent turn that moved first wins, this one is refused.
  const advanced = await conversation.storeReply(trx, {
    client_turn_id: turn.input.clientTurnId,
    text: turn.text,
    partial: turn.partial,
    start_time_ms: elapsed,
    at,
    from_question_index: state.question_index,
    question_index: questionIndex,
    competencies_covered: turn.covered,
    end: over && turn.action.kind === 'wrap_up' ? { reason: turn.action.reason, duration_seconds: Math.round(elapsed / 1000) } : null,
  });
  if (!advanced) throw new ConflictError('Another turn of this interview was answered at the same time; nothing of this reply was kept.');
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

function replayed(reply: ConversationSegment, state: ConversationState): TurnResult {
  return {
    message: reply.content,
    detectedCompetencies: [],
    competencyCovered: null,
    questionIndex: state.question_index,
    interviewOver: state.status === 'completed',
    provider: 'stored',
    partial: false,
  };
}
