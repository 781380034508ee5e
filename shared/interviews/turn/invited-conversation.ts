import type { AppServices } from '../../app-services';
import { advanceInterview, deletePartialReply, findTurnContext, insertSegment, startInterview } from '../../db/repositories/interview-conversation';
import { isUniqueViolation } from '../../db/errors';
import type { InterviewSession } from '../../domain/interview-session';
import { ConflictError, NotFoundError, UnauthenticatedError } from '../../errors';
import type { Logger } from '../../observability/logger';
import { competenciesOf, PRACTICE_QUESTION_COUNT } from '../plan/interview-plan';
import { announceScoring } from '../scoring/scoring-queue';
import { closeInterview } from '../session/interview-ending';
import { CONSENT_POLICY_VERSION, questionCount } from '../session/lobby';
import type { Conversation } from './conversation';

function valuesOf(framework: unknown): string[] {
  const list = Array.isArray(framework) ? framework : (framework as { values?: unknown } | null)?.values;
  return Array.isArray(list) ? list.filter((v): v is string => typeof v === 'string').slice(0, 10) : [];
}

/** An invited interview's conversation: transcript segments, consents, the job role's plan, scoring through the queue. */
export function invitedConversation(session: InterviewSession, services: AppServices, log: Logger): Conversation {
  const interviewId = session.interview_id;
  return {
    async load(db) {
      // The session is proven here, in the turn's one read: the request wrapper reads none first (sessionProvenByHandler).
      const found = await findTurnContext(db, interviewId, { id: session.session_id, at: new Date() });
      if (!found) throw new NotFoundError('The interview no longer exists.');
      if (!found.session_live) throw new UnauthenticatedError('The interview session has ended; open the invitation link again.');
      const { context, transcript: segments, consents, background } = found;
      return {
        status: context.status,
        started_at: context.started_at,
        question_index: context.question_index,
        competencies_covered: context.competencies_covered,
        segments,
        consented: consents.some((c) => c.kind === 'ai_processing' && c.policy_version === CONSENT_POLICY_VERSION),
        organisation_id: context.organisation_id,
        plan: {
          is_practice: context.is_practice,
          role_title: context.role_title,
          company_name: context.company_name,
          responsibilities: context.requirements?.responsibilities ?? [],
          skills: context.requirements?.skills ?? [],
          values: valuesOf(context.values_framework),
          questions: context.interview_structure?.questions ?? context.requirements?.interviewQuestions ?? [],
          competencies: competenciesOf(context.requirements),
          total_questions: context.is_practice ? PRACTICE_QUESTION_COUNT : questionCount(context.interview_structure),
        },
        background,
      };
    },
    start: (db, at) => startInterview(db, interviewId, at),
    async storeCandidateWords(db, clientTurnId, write) {
      if (write.dropPartialReply) await deletePartialReply(db, interviewId, clientTurnId);
      if (!write.words) return;
      try {
        await insertSegment(db, { interview_id: interviewId, speaker: 'candidate', content: write.words.content, start_time_ms: write.words.start_time_ms, client_turn_id: clientTurnId, at: write.words.at });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError('This turn is already being answered.');
        throw error;
      }
    },
    async storeReply(trx, reply) {
      if (reply.text.length > 0 || !reply.partial) {
        await insertSegment(trx, { interview_id: interviewId, speaker: 'ai', content: reply.text, start_time_ms: reply.start_time_ms, client_turn_id: reply.client_turn_id, is_partial: reply.partial, at: reply.at });
      }
      const advanced = await advanceInterview(trx, interviewId, { from_question_index: reply.from_question_index, question_index: reply.question_index, competencies_covered: reply.competencies_covered, at: reply.at });
      if (advanced && reply.end) await closeInterview(trx, session, { reason: reply.end.reason, at: reply.at, duration_seconds: reply.end.duration_seconds });
      return advanced;
    },
    // The interview-scoring message starts scoring; the sweeper re-sends it if this one is lost.
    afterEnd: async () => {
      await announceScoring(services.queues, log, interviewId);
    },
  };
}
