import type { AiGateway } from '../../ai/gateway';
import type { Db } from '../../db/database';
import { findPracticeConversation, replacePracticeTranscript, startPracticeInterview, type PracticeConversation } from '../../db/repositories/practice-interviews';
import type { DbScope } from '../../db/scopes';
import type { PracticeSession } from '../../domain/interview-session';
import type { PracticeSegment } from '../../domain/privacy-practice-interviews';
import { ConflictError, NotFoundError } from '../../errors';
import type { Logger } from '../../observability/logger';
import { PRACTICE_QUESTION_COUNT, practiceQuestions } from '../plan/interview-plan';
import { completePracticeInterview } from '../../db/repositories/practice-interviews';
import type { Conversation } from '../turn/conversation';
import { writePracticeFeedback } from './practice-feedback';

/** "software_engineer" → "software engineer": the kind of role as the interviewer says it. */
export function practiceRoleTitle(sampleRoleType: string): string {
  return sampleRoleType.replace(/[_-]+/g, ' ').trim();
}

export async function loadPracticeConversation(db: Db, session: PracticeSession): Promise<PracticeConversation> {
  const practice = await findPracticeConversation(db, session.practice_interview_id, session.user_id);
  if (!practice) throw new NotFoundError('The practice interview no longer exists.');
  return practice;
}

/**
 * A practice interview's conversation, kept on its row (no application, no organisation): every write replaces the
 * stored conversation only if it is still the one just read, so two racing turns cannot both land.
 */
export function practiceConversation(data: DbScope, ai: AiGateway, session: PracticeSession, log: Logger): Conversation {
  const id = session.practice_interview_id;
  return {
    async load(db) {
      const practice = await loadPracticeConversation(db, session);
      const roleTitle = practiceRoleTitle(practice.sample_role_type);
      return {
        status: practice.status,
        started_at: practice.started_at,
        question_index: practice.question_index,
        competencies_covered: [],
        segments: practice.transcript,
        // Starting a practice interview signed in is the candidate's own request to talk to the AI; nothing is recorded.
        consented: true,
        organisation_id: null,
        plan: {
          is_practice: true,
          role_title: roleTitle,
          company_name: 'Talenti practice',
          responsibilities: [],
          skills: [],
          values: [],
          questions: practiceQuestions(roleTitle),
          competencies: [],
          total_questions: PRACTICE_QUESTION_COUNT,
        },
        background: null,
      };
    },
    start: (db, at) => startPracticeInterview(db, id, at),
    async storeCandidateWords(db, clientTurnId, write) {
      const practice = await loadPracticeConversation(db, session);
      if (write.words && practice.transcript.some((s) => s.speaker === 'candidate' && s.client_turn_id === clientTurnId)) throw new ConflictError('This turn is already being answered.');
      const kept = practice.transcript.filter((s) => !(write.dropPartialReply && s.speaker === 'ai' && s.is_partial && s.client_turn_id === clientTurnId));
      const added: PracticeSegment[] = write.words
        ? [{ speaker: 'candidate', content: write.words.content, start_time_ms: write.words.start_time_ms, client_turn_id: clientTurnId, is_partial: false, at: write.words.at.toISOString() }]
        : [];
      if (!(await replacePracticeTranscript(db, id, practice.transcript_text, { transcript: [...kept, ...added] }))) throw new ConflictError('This turn is already being answered.');
    },
    async storeReply(trx, reply) {
      const practice = await loadPracticeConversation(trx, session);
      const said: PracticeSegment[] =
        reply.text.length > 0 || !reply.partial
          ? [{ speaker: 'ai', content: reply.text, start_time_ms: reply.start_time_ms, client_turn_id: reply.client_turn_id, is_partial: reply.partial, at: reply.at.toISOString() }]
          : [];
      const advanced = await replacePracticeTranscript(trx, id, practice.transcript_text, {
        transcript: [...practice.transcript, ...said],
        from_question_index: reply.from_question_index,
        question_index: reply.question_index,
      });
      if (advanced && reply.end) await completePracticeInterview(trx, id, { at: reply.at, duration_seconds: reply.end.duration_seconds, end_reason: reply.end.reason });
      return advanced;
    },
    afterEnd: async () => {
      await writePracticeFeedback(data, ai, session, log);
    },
  };
}
