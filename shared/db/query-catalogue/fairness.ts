import { listFairnessScores, listFairnessSubjects } from '../repositories/fairness';
import { CATALOGUE_UUID as uuid, type QueryOperations } from './operations';

const organisationScope = { organisationId: uuid, jobRoleId: null, from: new Date(0), to: new Date(86_400_000), adminUserId: uuid };
const roleScope = { ...organisationScope, jobRoleId: uuid };

/** The fairness report's counting queries (platform scope, admin checked in the query). */
export const fairnessQueries: QueryOperations = {
  listFairnessSubjects: (db) => listFairnessSubjects(db, organisationScope),
  listFairnessSubjectsForRole: (db) => listFairnessSubjects(db, roleScope),
  listFairnessScores: (db) => listFairnessScores(db, organisationScope),
  listFairnessScoresForRole: (db) => listFairnessScores(db, roleScope),
};
