import { recordAiUsage } from '../repositories/ai-usage';
import { findRoleForMember, saveRoleRequirements } from '../repositories/role-requirements';
import { CATALOGUE_UUID as uuid, type QueryOperations } from './operations';

/** AI metering, requirement extraction, resume parsing and shortlisting. */
export const aiQueries: QueryOperations = {
  recordAiUsage: (db) =>
    recordAiUsage(db, { organisation_id: uuid, task: 't', provider: 'azure', model: 'm', prompt_version: 'v', outcome: 'ok', prompt_tokens: 1, completion_tokens: 1, latency_ms: 1 }),
  findRoleForMember: (db) => findRoleForMember(db, uuid, uuid),
  saveRoleRequirements: (db) => saveRoleRequirements(db, uuid, {}, {}, new Date(0)),
};
