import { listFairnessScores, listFairnessSubjects } from '../repositories/fairness';
import { findConsistencyCheck, insertConsistencyCheck, listConsistencyCandidates, listConsistencyResults } from '../repositories/scoring-consistency';
import { CATALOGUE_UUID as uuid, type QueryOperations } from './operations';

const organisationScope = { organisationId: uuid, jobRoleId: null, from: new Date(0), to: new Date(86_400_000), adminUserId: uuid };
const roleScope = { ...organisationScope, jobRoleId: uuid };

const check = {
  id: uuid, organisation_id: uuid, job_role_id: null, requested_by: uuid, sample_size: 20, eligible: 1, rubric_changed: 0, compared: 1, failed: 0,
  band_changed: 1, mean_absolute_difference: 12.5, created_at: new Date(0).toISOString(),
};
const result = {
  interview_id: uuid, outcome: 'compared' as const, original_score: 72, rescored_score: 60, original_band: 'high' as const, rescored_band: 'medium' as const,
  band_changed: true, absolute_difference: 12, model_version: 'gpt-4o', error: null,
};

/** The fairness report's counting queries (platform scope, admin checked in the query) and scoring consistency's. */
export const fairnessQueries: QueryOperations = {
  listFairnessSubjects: (db) => listFairnessSubjects(db, organisationScope),
  listFairnessSubjectsForRole: (db) => listFairnessSubjects(db, roleScope),
  listFairnessScores: (db) => listFairnessScores(db, organisationScope),
  listFairnessScoresForRole: (db) => listFairnessScores(db, roleScope),
  listConsistencyCandidates: (db) => listConsistencyCandidates(db, uuid, null, uuid),
  listConsistencyCandidatesForRole: (db) => listConsistencyCandidates(db, uuid, uuid, uuid),
  insertConsistencyCheck: (db) => insertConsistencyCheck(db, check, [result]),
  findConsistencyCheck: (db) => findConsistencyCheck(db, uuid, uuid, uuid),
  listConsistencyResults: (db) => listConsistencyResults(db, uuid),
};
