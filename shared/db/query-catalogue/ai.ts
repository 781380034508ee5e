import { recordAiUsage } from '../repositories/ai-usage';
import { findRoleForMember, saveRoleRequirements } from '../repositories/role-requirements';
import {
  findProfileForImport,
  insertImportedProfile,
  insertImportedRows,
  listEducationKeys,
  listEmploymentKeys,
  listSkillNames,
  readProfileVersion,
  updateImportedProfile,
} from '../repositories/resume-import';
import { findShortlistRole, findShortlistRun, listShortlistApplicants, listShortlistPage } from '../repositories/shortlist';
import { deleteShortlistRun, listStagedTop, rescoreStagedEntries, stageShortlistEntries, sweepShortlistRuns, switchShortlist } from '../repositories/shortlist-runs';
import { CATALOGUE_UUID as uuid, type QueryOperations } from './operations';

/** AI metering, requirement extraction, resume parsing and shortlisting. */
export const aiQueries: QueryOperations = {
  recordAiUsage: (db) =>
    recordAiUsage(db, { organisation_id: uuid, task: 't', provider: 'azure', model: 'm', prompt_version: 'v', outcome: 'ok', prompt_tokens: 1, completion_tokens: 1, latency_ms: 1 }),
  findRoleForMember: (db) => findRoleForMember(db, uuid, uuid),
  saveRoleRequirements: (db) => saveRoleRequirements(db, uuid, {}, {}, new Date(0)),
  findShortlistRole: (db) => findShortlistRole(db, uuid, uuid),
  listShortlistApplicants: (db) => listShortlistApplicants(db, { job_role_id: uuid, user_id: uuid }, { after: null, rows: 500 }),
  'listShortlistApplicants (next chunk)': (db) => listShortlistApplicants(db, { job_role_id: uuid, user_id: uuid }, { after: uuid, rows: 500 }),
  'listShortlistApplicants (the top, again)': (db) => listShortlistApplicants(db, { job_role_id: uuid, user_id: uuid }, { ids: [uuid] }),
  sweepShortlistRuns: (db) => sweepShortlistRuns(db, uuid, new Date(0)),
  stageShortlistEntries: (db) =>
    stageShortlistEntries(db, { id: uuid, job_role_id: uuid, started_at: new Date(0) }, [{
      application_id: uuid, match_score: 75, deterministic_score: 75, match_reasons: ['r'], stage: 'deterministic', provider: 'none', prompt_version: null,
      skills: ['s'], experience: 'e', shown_sections: ['skills'],
    }]),
  listStagedTop: (db) => listStagedTop(db, uuid, 20),
  rescoreStagedEntries: (db) =>
    rescoreStagedEntries(db, uuid, [{ application_id: uuid, match_score: 80, match_reasons: ['r'], stage: 'model', provider: 'azure', prompt_version: 'v' }]),
  deleteShortlistRun: (db) => deleteShortlistRun(db, uuid),
  switchShortlist: (db) => switchShortlist(db, { id: uuid, job_role_id: uuid, started_at: new Date(0) }),
  findShortlistRun: (db) => findShortlistRun(db, { job_role_id: uuid, user_id: uuid }),
  listShortlistPage: (db) => listShortlistPage(db, { job_role_id: uuid, user_id: uuid }, null, 26),
  'listShortlistPage (next page)': (db) => listShortlistPage(db, { job_role_id: uuid, user_id: uuid }, { rank: 25, application_id: uuid }, 26),
  findProfileForImport: (db) => findProfileForImport(db, uuid),
  insertImportedProfile: (db) =>
    insertImportedProfile(db, { id: uuid, user_id: uuid, at: new Date(0), first_name: 'f', state: 'NSW', cv_file_path: 'p', cv_uploaded_at: new Date(0), cv_content_hash: 'h', cv_parsed_at: new Date(0) }),
  updateImportedProfile: (db) =>
    updateImportedProfile(db, uuid, 1, { email: 'e', cv_file_path: 'p', cv_content_hash: 'h', cv_parsed_at: new Date(0) }, new Date(0)),
  readProfileVersion: (db) => readProfileVersion(db, uuid),
  listEmploymentKeys: (db) => listEmploymentKeys(db, uuid),
  listEducationKeys: (db) => listEducationKeys(db, uuid),
  listSkillNames: (db) => listSkillNames(db, uuid),
  insertImportedEmployment: (db) =>
    insertImportedRows(db, 'employment_history', uuid, [{ job_title: 't', company_name: 'c', start_date: '2020-01-01', end_date: null, is_current: true, description: null }], new Date(0)),
  insertImportedEducation: (db) =>
    insertImportedRows(db, 'education', uuid, [{ institution: 'i', degree: 'd', field_of_study: null, start_date: null, end_date: null, is_current: false }], new Date(0)),
  insertImportedSkills: (db) => insertImportedRows(db, 'candidate_skills', uuid, [{ skill_name: 's', skill_type: 'hard' }], new Date(0)),
};
