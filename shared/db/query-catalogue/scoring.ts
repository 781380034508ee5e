import type { InterviewScore } from '../../domain/interview';
import type { AiScoreFields } from '../../interviews/scoring/score-types';
import {
  claimScoring,
  failAbandonedScoring,
  findScoringSubject,
  finishScoring,
  insertScore,
  insertScoreRevision,
  listDueScoring,
  listScoreRevisions,
  markApplicationReviewed,
  queueInterviewScoring,
  recordScoringFailure,
  replaceScore,
  replaceScoreDimensions,
} from '../repositories/scores';
import { CATALOGUE_UUID as uuid, type QueryOperations } from './operations';

const at = new Date(0);
const fields: AiScoreFields = {
  overall_score: 50,
  narrative_summary: 'n',
  candidate_feedback: 'f',
  anti_cheat_risk_level: 'low',
  anti_cheat_notes: null,
  scored_by: 'offline',
  model_version: 'offline-rules',
  prompt_version: 'score-interview/v1',
  rubric_version: 'rubric-000000000000',
};
const snapshot: InterviewScore = {
  ...fields,
  effective_score: 50,
  human_override: null,
  dimensions: [],
  version: 1,
  created_at: at.toISOString(),
  updated_at: at.toISOString(),
};

/** Scoring with verified evidence, the automatic scoring queue and the score history. */
export const scoringQueries: QueryOperations = {
  findScoringSubjectForMember: (db) => findScoringSubject(db, uuid, uuid),
  findScoringSubjectForPlatform: (db) => findScoringSubject(db, uuid, null),
  insertScoreRevision: (db) => insertScoreRevision(db, uuid, snapshot, at),
  insertScore: (db) => insertScore(db, uuid, fields, at),
  replaceScore: (db) => replaceScore(db, uuid, 1, fields, at),
  replaceScoreDimensions: (db) =>
    replaceScoreDimensions(db, uuid, [{ dimension: 'communication', score: 7.5, weight: 0.15, evidence: 'e', cited_quotes: ['q'] }], at),
  markApplicationReviewed: (db) => markApplicationReviewed(db, uuid, at),
  listScoreRevisions: (db) => listScoreRevisions(db, uuid, { value: at.toISOString(), id: uuid }, 26),
  queueInterviewScoring: (db) => queueInterviewScoring(db, uuid, at),
  listDueScoring: (db) => listDueScoring(db, at, 5, 10),
  claimScoring: (db) => claimScoring(db, uuid, at, at, 5),
  finishScoring: (db) => finishScoring(db, uuid),
  recordScoringFailure: (db) => recordScoringFailure(db, uuid, { next_attempt_at: at, last_error: 'e' }),
  failAbandonedScoring: (db) => failAbandonedScoring(db, at, 5, 'e'),
};
