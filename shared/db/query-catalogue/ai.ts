import { recordAiUsage } from '../repositories/ai-usage';
import { findRoleForMember, saveRoleRequirements } from '../repositories/role-requirements';
import { findShortlistRole, listShortlistApplicants, listShortlistEntries, replaceShortlist } from '../repositories/shortlist';
import { CATALOGUE_UUID as uuid, type QueryOperations } from './operations';

/** AI metering, requirement extraction, resume parsing and shortlisting. */
export const aiQueries: QueryOperations = {
  recordAiUsage: (db) =>
    recordAiUsage(db, { organisation_id: uuid, task: 't', provider: 'azure', model: 'm', prompt_version: 'v', outcome: 'ok', prompt_tokens: 1, completion_tokens: 1, latency_ms: 1 }),
  findRoleForMember: (db) => findRoleForMember(db, uuid, uuid),
  saveRoleRequirements: (db) => saveRoleRequirements(db, uuid, {}, {}, new Date(0)),
  findShortlistRole: (db) => findShortlistRole(db, uuid, uuid),
  listShortlistApplicants: (db) => listShortlistApplicants(db, { job_role_id: uuid, user_id: uuid }),
  replaceShortlist: (db) =>
    replaceShortlist(db, uuid, [{ application_id: uuid, candidate_id: uuid, job_role_id: uuid, match_score: 80, deterministic_score: 75, match_reasons: ['r'], stage: 'model', provider: 'azure', prompt_version: 'v', created_at: '' }], new Date(0)),
  listShortlistEntries: (db) => listShortlistEntries(db, { job_role_id: uuid, user_id: uuid }),
};
