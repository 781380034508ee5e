import { DEFAULT_VISIBILITY_SETTINGS } from '../../domain/value-sets';
import {
  findProfileByUser,
  findProfileForStaff,
  insertProfile,
  updateProfile,
  setProfilePausedAt,
} from '../repositories/candidate-profiles';
import {
  countCandidateRecords,
  deleteCandidateRecord,
  findEducation,
  findEmployment,
  findSkill,
  findSkillIdByName,
  insertEducation,
  insertEmployment,
  insertSkill,
  listEducation,
  listEmployment,
  listSkills,
  updateCandidateRecord,
} from '../repositories/candidate-records';
import {
  countDeiAnswersForRole,
  deleteDei,
  findDei,
  insertDei,
  updateDei,
} from '../repositories/dei';
import { CATALOGUE_UUID as uuid, type QueryOperations } from './operations';

const staff = { organisationId: uuid, staffUserId: uuid };
const created = { id: uuid, user_id: uuid, created_at: new Date(0) };
const noDei = { gender: null, ethnicity: null, disability_status: null, veteran_status: null };

/** Candidate profiles, their lists and DEI answers. */
export const candidatesQueries: QueryOperations = {
  findProfileByUser: (db) => findProfileByUser(db, uuid),
  findProfileForStaff: (db) => findProfileForStaff(db, uuid, staff),
  insertProfile: (db) =>
    insertProfile(db, {
      ...created,
      first_name: 'f', last_name: 'l', email: null, phone: null, suburb: null, postcode: '2000', state: 'NSW', country: 'Australia',
      work_rights: null, availability: null, work_mode: 'hybrid', gpa_wam: 6.5, portfolio_url: null, linkedin_url: null,
      profile_visibility: 'visible', visibility_settings: { ...DEFAULT_VISIBILITY_SETTINGS }, manual_fields: ['first_name'],
    }),
  setProfilePausedAt: (db) => setProfilePausedAt(db, uuid, new Date(0), new Date(0)),
  updateProfile: (db) => updateProfile(db, uuid, 1, { first_name: 'f', visibility_settings: { ...DEFAULT_VISIBILITY_SETTINGS }, manual_fields: [] }, new Date(0)),
  listEmployment: (db) => listEmployment(db, uuid),
  listEmploymentForStaff: (db) => listEmployment(db, uuid, staff),
  listEducation: (db) => listEducation(db, uuid),
  listEducationForStaff: (db) => listEducation(db, uuid, staff),
  listSkills: (db) => listSkills(db, uuid),
  listSkillsForStaff: (db) => listSkills(db, uuid, staff),
  findEmployment: (db) => findEmployment(db, uuid, uuid),
  findEducation: (db) => findEducation(db, uuid, uuid),
  findSkill: (db) => findSkill(db, uuid, uuid),
  findSkillIdByName: (db) => findSkillIdByName(db, uuid, 'TypeScript', uuid),
  insertEmployment: (db) =>
    insertEmployment(db, { ...created, job_title: 'j', company_name: 'c', start_date: '2020-01-01', end_date: null, is_current: true, description: null }),
  insertEducation: (db) =>
    insertEducation(db, { ...created, institution: 'i', degree: 'd', field_of_study: null, start_date: null, end_date: null, is_current: false }),
  insertSkill: (db) => insertSkill(db, { ...created, skill_name: 's', skill_type: 'hard', proficiency_level: null }),
  updateEmployment: (db) => updateCandidateRecord(db, 'employment_history', uuid, uuid, 1, { end_date: '2021-01-01', is_current: false }),
  updateEducation: (db) => updateCandidateRecord(db, 'education', uuid, uuid, 1, { degree: 'd' }),
  updateSkill: (db) => updateCandidateRecord(db, 'candidate_skills', uuid, uuid, 1, { proficiency_level: 'expert' }),
  deleteCandidateRecord: (db) => deleteCandidateRecord(db, 'employment_history', uuid, uuid),
  countCandidateRecords: (db) => countCandidateRecords(db, 'candidate_skills', uuid),
  findDei: (db) => findDei(db, uuid),
  insertDei: (db) => insertDei(db, { ...created, ...noDei, gender: 'g' }),
  updateDei: (db) => updateDei(db, uuid, 1, noDei),
  deleteDei: (db) => deleteDei(db, uuid),
  countDeiAnswersForRole: (db) => countDeiAnswersForRole(db, uuid, uuid, 'disability_status'),
};
