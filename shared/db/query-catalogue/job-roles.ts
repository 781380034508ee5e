import {
  deleteDraftJobRole,
  findActiveJobRole,
  findJobRoleForMember,
  insertJobRole,
  listJobRolesForMember,
  updateJobRoleAtVersion,
} from '../repositories/job-roles';
import { CATALOGUE_UUID as uuid, type QueryOperations } from './operations';

const RUBRIC = { communication: { weight: 1, label: 'Communication' } };
const after = { created_at: '2026-01-01T00:00:00.000Z', id: uuid };

/** Job roles: create, read (member and public), list, versioned update, delete a draft. */
export const jobRolesQueries: QueryOperations = {
  insertJobRole: (db) =>
    insertJobRole(db, {
      id: uuid,
      organisation_id: uuid,
      title: 't',
      description: 'd',
      requirements: { skills: [], experience: [], qualifications: [], responsibilities: [], interviewQuestions: [] },
      scoring_rubric: RUBRIC,
      status: 'draft',
      created_by: uuid,
      created_at: new Date(0),
    }),
  findJobRoleForMember: (db) => findJobRoleForMember(db, uuid, uuid),
  findActiveJobRole: (db) => findActiveJobRole(db, uuid),
  listJobRolesForMember: (db) => listJobRolesForMember(db, { organisation_id: uuid, user_id: uuid, after: null, rows: 26 }),
  'listJobRolesForMember (status, title search, next page)': (db) =>
    listJobRolesForMember(db, { organisation_id: uuid, user_id: uuid, status: 'active', title_contains: '50%_[x]', after, rows: 26 }),
  updateJobRoleAtVersion: (db) =>
    updateJobRoleAtVersion(db, { id: uuid, organisation_id: uuid, version: 1 }, { title: 't', department: null, scoring_rubric: RUBRIC }, new Date(0)),
  deleteDraftJobRole: (db) => deleteDraftJobRole(db, { id: uuid, organisation_id: uuid }),
};
