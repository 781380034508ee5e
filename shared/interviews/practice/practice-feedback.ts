import type { AiGateway } from '../../ai/gateway';
import { savePracticeFeedback } from '../../db/repositories/practice-interviews';
import type { DbScope } from '../../db/scopes';
import { completeSegments } from '../../domain/interview';
import type { PracticeSession } from '../../domain/interview-session';
import { DomainError } from '../../errors';
import type { Logger } from '../../observability/logger';
import { assessTranscript } from '../scoring/score-interview';
import { loadPracticeConversation, practiceRoleTitle } from './practice-conversation';

/** Where a practice interview's feedback stands once it has ended. */
export type PracticeFeedbackState = 'not_needed' | 'done' | 'failed';

/**
 * The scoring path in practice mode: the transcript assessed against the default rubric for the kind of role
 * practised (no organisation, no anti-cheat signals), read outside any connection; only what helps the candidate
 * is kept on the practice row: the overall score, the per-dimension scores and the feedback text.
 */
export async function writePracticeFeedback(data: DbScope, ai: AiGateway, session: PracticeSession, log: Logger): Promise<PracticeFeedbackState> {
  const practice = await data.run((db) => loadPracticeConversation(db, session));
  const said = completeSegments(practice.transcript);
  if (!said.some((s) => s.speaker === 'candidate' && s.content.trim().length > 0)) return 'not_needed';
  const role = { title: practiceRoleTitle(practice.sample_role_type), description: null, skills: [], experience: [], qualifications: [], responsibilities: [] };
  try {
    const assessment = await assessTranscript(ai, { role, organisation_values: [], scoring_rubric: null, anti_cheat_signals: [], organisation_id: null }, said, log);
    await data.run((db) =>
      savePracticeFeedback(db, practice.id, {
        overall_score: assessment.fields.overall_score,
        candidate_feedback: assessment.fields.candidate_feedback,
        dimensions: assessment.dimensions.map((d) => ({ dimension: d.dimension, score: d.score, evidence: d.evidence })),
        scored_by: assessment.fields.scored_by,
        generated_at: new Date().toISOString(),
      }),
    );
    return 'done';
  } catch (error) {
    // The practice stays ended without feedback; the candidate can end it again to retry (docs/api/candidates.md).
    if (!(error instanceof DomainError)) throw error;
    log.warn('practice feedback not written', { error: error.message });
    return 'failed';
  }
}
