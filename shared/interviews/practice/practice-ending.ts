import type { AiGateway } from '../../ai/gateway';
import { completePracticeInterview } from '../../db/repositories/practice-interviews';
import type { DbScope } from '../../db/scopes';
import type { PracticeSession } from '../../domain/interview-session';
import { ConflictError } from '../../errors';
import type { Logger } from '../../observability/logger';
import { lengthInSeconds, type EndInterviewInput, type InterviewEnded } from '../session/interview-ending';
import { loadPracticeConversation } from './practice-conversation';
import { writePracticeFeedback, type PracticeFeedbackState } from './practice-feedback';

/**
 * The hang-up button or the timer of a practice interview: ended like an invited one (reason, length), then its
 * feedback written by the scoring path in practice mode before the answer. Ending it again answers how it ended,
 * and writes the feedback if an earlier attempt could not.
 */
export async function endPracticeInterview(data: DbScope, ai: AiGateway, log: Logger, session: PracticeSession, input: EndInterviewInput): Promise<InterviewEnded> {
  const before = await data.transaction(async (trx) => {
    const practice = await loadPracticeConversation(trx, session);
    if (practice.status !== 'completed' && practice.started_at === null) throw new ConflictError('The practice interview has not started: there is nothing to end yet.');
    const at = new Date();
    if (practice.status !== 'completed') await completePracticeInterview(trx, practice.id, { at, duration_seconds: lengthInSeconds(practice.started_at, at), end_reason: input.reason });
    return practice;
  });
  const hasFeedback = Object.keys(before.feedback).length > 0;
  const feedback: PracticeFeedbackState = hasFeedback ? 'done' : await writePracticeFeedback(data, ai, session, log);
  const ended = await data.run((db) => loadPracticeConversation(db, session));
  if (ended.ended_at === null) throw new ConflictError('The practice interview has not ended.');
  return {
    interview: {
      id: ended.id,
      status: 'completed',
      ended_at: ended.ended_at,
      end_reason: ended.end_reason,
      duration_seconds: ended.duration_seconds,
      scoring: feedback,
    },
  };
}
