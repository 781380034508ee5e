import type { AiGateway } from '../../ai/gateway';
import { scoreInterviewTask, type ScoreInterviewInput } from './score-interview-task';
import { requireOrgRole } from '../../auth/authorize';
import type { Caller } from '../../auth/caller';
import type { DbScope } from '../../db/scopes';
import type { Logger } from '../../observability/logger';
import { isUniqueViolation } from '../../db/errors';
import { diffForAudit } from '../../audit/audit-changes';
import { appendAudit } from '../../db/repositories/audit-log';
import { findScore, listTranscript } from '../../db/repositories/interviews';
import {
  findScoringSubject,
  finishScoring,
  insertScore,
  insertScoreRevision,
  markApplicationReviewed,
  replaceScore,
  replaceScoreDimensions,
} from '../../db/repositories/scores';
import { completeSegments, type InterviewScore } from '../../domain/interview';
import type { OrgRole } from '../../domain/value-sets';
import { ConflictError, DomainError, NotFoundError } from '../../errors';
import { assessAntiCheat, countScorerInstructions, countSignals, type RiskLevel } from './anti-cheat';
import { candidateAnswers, type SpokenSegment } from './evidence';
import { rubricFromRole, rubricVersion } from './rubric';
import type { AiScoreFields, ScoringSubject } from './score-types';
import {
  checkAnswer,
  dimensionsWithoutEvidence,
  mergeReask,
  overallScore,
  toScoredDimensions,
  verificationOf,
  type DimensionVerification,
  type ScoredDimension,
} from './verified-score';

/** Who may score on demand: the roles that run interviews (viewers may only read). */
export const SCORING_ROLES: readonly OrgRole[] = ['admin', 'recruiter', 'hiring_manager'];

/** Whether the one re-ask for unverified dimensions was needed, and how it went. */
export type ReaskOutcome = 'not_needed' | 'answered' | 'failed' | 'skipped_offline';

export interface InterviewScoring {
  interview_id: string;
  dimensions: ScoredDimension[];
  overall_score: number | null;
  narrative_summary: string;
  candidate_feedback: string;
  anti_cheat_risk_level: RiskLevel;
  anti_cheat_notes: string | null;
  verification: { reask: ReaskOutcome; dimensions: DimensionVerification[] };
  scored_by: string;
  model_version: string;
  prompt_version: string;
  rubric_version: string;
  /** The score row's version after this scoring (its ETag). */
  version: number;
  application_status: string;
  /** True when an earlier score was replaced (and kept in the score history). */
  rescored: boolean;
}

interface Actor {
  user_id: string | null;
  ip_address: string | null;
  trigger: 'staff' | 'automatic';
}

/** Staff score an interview of their organisation on demand; a candidate or an outsider is told it does not exist. */
export async function scoreInterviewForStaff(data: DbScope, ai: AiGateway, caller: Caller, interviewId: string, context: { ipAddress: string; log: Logger }): Promise<InterviewScoring> {
  const subject = await data.run((db) => findScoringSubject(db, interviewId, caller.user.id));
  if (!subject) throw new NotFoundError('No such interview.');
  requireOrgRole(caller, subject.organisation_id, SCORING_ROLES);
  return scoreSubject(data, ai, subject, { user_id: caller.user.id, ip_address: context.ipAddress, trigger: 'staff' }, context.log);
}

/** The platform scores an interview that ended (the scoring queue). */
export async function scoreInterviewAutomatically(platform: DbScope, ai: AiGateway, interviewId: string, log: Logger): Promise<InterviewScoring> {
  const subject = await platform.run((db) => findScoringSubject(db, interviewId, null));
  if (!subject) throw new NotFoundError('No such interview.');
  return scoreSubject(platform, ai, subject, { user_id: null, ip_address: null, trigger: 'automatic' }, log);
}

/** A fresh scoring of an interview, not yet stored. */
export interface InterviewAssessment {
  fields: AiScoreFields;
  dimensions: ScoredDimension[];
  antiCheat: { anti_cheat_risk_level: RiskLevel; anti_cheat_notes: string | null };
  reask: ReaskOutcome;
  verification: DimensionVerification[];
}

/**
 * Asks the model (or the offline rules) outside any transaction, keeps only quotes the candidate really said,
 * re-asks once for dimensions left without any, and computes the overall score itself. Stores nothing: scoring
 * stores it, a consistency check compares it with the stored score.
 */
export async function assessInterview(data: DbScope, ai: AiGateway, subject: ScoringSubject, log: Logger): Promise<InterviewAssessment> {
  if (subject.interview_status !== 'completed') throw new ConflictError('Only a completed interview can be scored.');
  const transcript = completeSegments(await data.run((db) => listTranscript(db, subject.interview_id)));
  return assessTranscript(ai, subject, transcript, log);
}

/** What assessing a transcript reads besides it: a practice interview has no organisation and no role of its own. */
export type AssessmentSubject = Pick<ScoringSubject, 'role' | 'organisation_values' | 'scoring_rubric' | 'anti_cheat_signals'> & { organisation_id: string | null };

/** The scoring path on a transcript already read (complete segments, in order); practice feedback uses it too. */
export async function assessTranscript(ai: AiGateway, subject: AssessmentSubject, said: readonly SpokenSegment[], log: Logger): Promise<InterviewAssessment> {
  const transcript = said.filter((s) => s.content.trim().length > 0);
  const answers = candidateAnswers(transcript);
  if (answers.length === 0) throw new ConflictError('The interview has no answers from the candidate to score.');

  const rubric = rubricFromRole(subject.scoring_rubric);
  const task = scoreInterviewTask(rubric.map((d) => d.dimension));
  const signals = countSignals(subject.anti_cheat_signals);
  const input: ScoreInterviewInput = { role: subject.role, organisation_values: subject.organisation_values, rubric, transcript, signals, reask: null };
  const call = { organisationId: subject.organisation_id, log };

  const first = await ai.runStructured(task, input, call);
  let checked = checkAnswer(first.value, answers);
  const missing = dimensionsWithoutEvidence(checked);
  let reask: ReaskOutcome = 'not_needed';
  // The offline rules are deterministic: asking them again would give the same answer.
  if (missing.length > 0 && first.provider === 'offline') reask = 'skipped_offline';
  else if (missing.length > 0) {
    try {
      const second = await ai.runStructured(task, { ...input, reask: { previous: first.value, dimensions: missing } }, call);
      checked = mergeReask(checked, checkAnswer(second.value, answers));
      reask = 'answered';
    } catch (error) {
      // The first answer still stands; its unverified dimensions are marked and left out of the overall.
      if (!(error instanceof DomainError)) throw error;
      checked = mergeReask(checked, []);
      reask = 'failed';
    }
  }

  const dimensions = toScoredDimensions(rubric, checked);
  const antiCheat = assessAntiCheat(first.value, signals, countScorerInstructions(transcript));
  const fields: AiScoreFields = {
    overall_score: overallScore(dimensions),
    narrative_summary: first.value.narrative_summary,
    candidate_feedback: first.value.candidate_feedback,
    ...antiCheat,
    scored_by: first.provider,
    model_version: first.model,
    prompt_version: first.prompt_version,
    rubric_version: rubricVersion(rubric),
  };
  return { fields, dimensions, antiCheat, reask, verification: verificationOf(checked) };
}

/**
 * Scores the interview, then stores everything in one transaction: the previous score into the history, the new
 * score and dimensions, the queue state, the application's move to `reviewed`, and the audit row.
 */
async function scoreSubject(data: DbScope, ai: AiGateway, subject: ScoringSubject, actor: Actor, log: Logger): Promise<InterviewScoring> {
  const { fields, dimensions, antiCheat, reask, verification } = await assessInterview(data, ai, subject, log);
  const stored = await storeScore(data, subject, fields, dimensions, actor);
  return {
    interview_id: subject.interview_id,
    dimensions,
    overall_score: fields.overall_score,
    narrative_summary: fields.narrative_summary,
    candidate_feedback: fields.candidate_feedback,
    anti_cheat_risk_level: antiCheat.anti_cheat_risk_level,
    anti_cheat_notes: antiCheat.anti_cheat_notes,
    verification: { reask, dimensions: verification },
    scored_by: fields.scored_by,
    model_version: fields.model_version,
    prompt_version: fields.prompt_version,
    rubric_version: fields.rubric_version,
    ...stored,
  };
}

/** Texts about the candidate: the audit row records that they changed, never what they say. */
const PERSONAL_FIELDS: ReadonlyArray<keyof AiScoreFields> = ['narrative_summary', 'candidate_feedback', 'anti_cheat_notes'];

function aiFieldsOf(score: InterviewScore | null): Record<keyof AiScoreFields, unknown> {
  return {
    overall_score: score?.overall_score ?? null,
    narrative_summary: score?.narrative_summary ?? null,
    candidate_feedback: score?.candidate_feedback ?? null,
    anti_cheat_risk_level: score?.anti_cheat_risk_level ?? null,
    anti_cheat_notes: score?.anti_cheat_notes ?? null,
    scored_by: score?.scored_by ?? null,
    model_version: score?.model_version ?? null,
    prompt_version: score?.prompt_version ?? null,
    rubric_version: score?.rubric_version ?? null,
  };
}

async function storeScore(
  data: DbScope,
  subject: ScoringSubject,
  fields: AiScoreFields,
  dimensions: readonly ScoredDimension[],
  actor: Actor,
): Promise<Pick<InterviewScoring, 'version' | 'application_status' | 'rescored'>> {
  const interviewId = subject.interview_id;
  const concurrent = () => new ConflictError('The interview was scored by another request at the same moment; read it again.');
  return data.transaction(async (trx) => {
    const at = new Date();
    const before = await findScore(trx, interviewId);
    if (before) {
      await insertScoreRevision(trx, interviewId, before, at);
      if (!(await replaceScore(trx, interviewId, before.version, fields, at))) throw concurrent();
    } else {
      await insertScore(trx, interviewId, fields, at).catch((error: unknown) => {
        throw isUniqueViolation(error) ? concurrent() : error;
      });
    }
    await replaceScoreDimensions(trx, interviewId, dimensions, at);
    await finishScoring(trx, interviewId);
    const reviewed = await markApplicationReviewed(trx, subject.application_id, at);
    const diff = diffForAudit(aiFieldsOf(before), fields, PERSONAL_FIELDS);
    await appendAudit(
      trx,
      {
        user_id: actor.user_id,
        organisation_id: subject.organisation_id,
        action: 'interview_scored',
        entity_type: 'interview',
        entity_id: interviewId,
        old_values: { ...diff?.old_values, ...(reviewed ? { application_status: subject.application_status } : {}) },
        new_values: {
          ...diff?.new_values,
          trigger: actor.trigger,
          verified_dimensions: dimensions.filter((d) => d.evidence_verified).map((d) => d.dimension),
          unverified_dimensions: dimensions.filter((d) => !d.evidence_verified).map((d) => d.dimension),
          human_override_kept: before !== null && before.human_override !== null,
          ...(reviewed ? { application_status: 'reviewed' } : {}),
        },
        ip_address: actor.ip_address,
      },
      at,
    );
    return { version: before ? before.version + 1 : 1, application_status: reviewed ? 'reviewed' : subject.application_status, rescored: before !== null };
  });
}
