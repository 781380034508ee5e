import {
  findApplicationForCaller,
  insertApplicationToActiveRole,
  listApplicationsForRole,
  listApplicationsOfCandidate,
  updateApplicationStatusAtVersion,
} from '../repositories/applications';
import { CATALOGUE_UUID as uuid, type QueryOperations } from './operations';

const base = { job_role_id: uuid, user_id: uuid, rows: 26 };

/** Applications: apply, read, the role's list (both sorts, every kind of cursor), the candidate's list, status. */
export const applicationsQueries: QueryOperations = {
  insertApplicationToActiveRole: (db) => insertApplicationToActiveRole(db, { id: uuid, candidate_id: uuid, job_role_id: uuid, created_at: new Date(0) }),
  findApplicationForCaller: (db) => findApplicationForCaller(db, uuid, uuid),
  listApplicationsForRole: (db) => listApplicationsForRole(db, { ...base, sort: 'created_at', after: null }),
  'listApplicationsForRole (status, newest first, next page)': (db) =>
    listApplicationsForRole(db, { ...base, status: 'applied', sort: 'created_at', after: { value: '2026-01-01T00:00:00.000Z', id: uuid } }),
  'listApplicationsForRole (by match, next page)': (db) =>
    listApplicationsForRole(db, { ...base, sort: 'match_score', after: { value: 82.5, id: uuid } }),
  'listApplicationsForRole (by match, next page among unranked)': (db) =>
    listApplicationsForRole(db, { ...base, sort: 'match_score', after: { value: null, id: uuid } }),
  listApplicationsOfCandidate: (db) => listApplicationsOfCandidate(db, { candidate_id: uuid, after: null, rows: 26 }),
  'listApplicationsOfCandidate (next page)': (db) =>
    listApplicationsOfCandidate(db, { candidate_id: uuid, after: { created_at: '2026-01-01T00:00:00.000Z', id: uuid }, rows: 26 }),
  updateApplicationStatusAtVersion: (db) =>
    updateApplicationStatusAtVersion(db, { id: uuid, organisation_id: uuid, version: 1 }, 'shortlisted', new Date(0)),
};
