import { randomUUID } from 'node:crypto';
import type { ParsedResume } from './parse-resume-task';
import { skillKey } from '../skills/skill-vocabulary';
import type { Db } from '../db/database';
import {
  insertImportedProfile,
  insertImportedRows,
  listEducationKeys,
  listEmploymentKeys,
  listSkillNames,
  RESUME_PROFILE_FIELDS,
  updateImportedProfile,
  type CvFileColumns,
  type ProfileForImport,
  type ResumeProfileValues,
} from '../db/repositories/resume-import';
import { PreconditionFailedError } from '../errors';

export interface ResumeImportCounts {
  profile_fields_updated: number;
  employment_added: number;
  education_added: number;
  skills_added: number;
}

export const NOTHING_IMPORTED: ResumeImportCounts = { profile_fields_updated: 0, employment_added: 0, education_added: 0, skills_added: 0 };

/** The same thing written differently ("Atlassian " and "atlassian") is one thing. */
const keyOf = (...parts: string[]) => parts.map((p) => p.trim().replace(/\s+/g, ' ').toLowerCase()).join('\u0000');

function profileValues({ personal }: ParsedResume): ResumeProfileValues {
  const { location } = personal;
  return {
    first_name: personal.first_name,
    last_name: personal.last_name,
    email: personal.email,
    phone: personal.phone,
    suburb: location.suburb,
    state: location.state,
    postcode: location.postcode,
    country: location.country,
    linkedin_url: personal.linkedin_url,
    portfolio_url: personal.portfolio_url,
  };
}

/** What the resume may change: values it states, in fields the candidate did not set by hand, that differ. */
function profileChanges(profile: ProfileForImport | null, values: ResumeProfileValues): Partial<ResumeProfileValues> {
  const changes: Partial<ResumeProfileValues> = {};
  for (const field of RESUME_PROFILE_FIELDS) {
    const value = values[field];
    if (value === null) continue;
    if (profile && (profile.manual_fields.includes(field) || profile[field] === value)) continue;
    changes[field] = value;
  }
  return changes;
}

/** Parsed rows whose key is neither stored already nor repeated in the resume itself. */
function unseen<T>(rows: T[], stored: string[], key: (row: T) => string): T[] {
  const seen = new Set(stored);
  return rows.filter((row) => {
    const k = key(row);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Writes a parsed resume into the caller's profile and records, as the original client did but on the server and
 * in the caller's transaction: profile fields the candidate set by hand stay as they are; jobs (title and
 * company), qualifications (institution and degree) and skills (by canonical name) already there are not added
 * again; existing rows, whether typed by hand or imported before, are never changed.
 */
export async function importParsedResume(
  trx: Db,
  userId: string,
  profile: ProfileForImport | null,
  resume: ParsedResume,
  file: CvFileColumns,
  at: Date,
): Promise<{ profile_id: string; counts: ResumeImportCounts }> {
  const changes = profileChanges(profile, profileValues(resume));
  let profileId: string;
  if (profile) {
    if (!(await updateImportedProfile(trx, userId, profile.version, { ...changes, ...file }, at))) {
      throw new PreconditionFailedError('Your profile changed while the resume was being read; parse it again.');
    }
    profileId = profile.id;
  } else {
    profileId = randomUUID();
    await insertImportedProfile(trx, { id: profileId, user_id: userId, at, ...changes, ...file });
  }

  const jobs = unseen(resume.employment, (await listEmploymentKeys(trx, userId)).map((r) => keyOf(r.job_title, r.company_name)), (r) => keyOf(r.job_title, r.company_name));
  const schools = unseen(resume.education, (await listEducationKeys(trx, userId)).map((r) => keyOf(r.institution, r.degree)), (r) => keyOf(r.institution, r.degree));
  const skills = unseen(resume.skills, (await listSkillNames(trx, userId)).map(skillKey), (r) => skillKey(r.skill_name));
  await insertImportedRows(trx, 'employment_history', userId, jobs, at);
  await insertImportedRows(trx, 'education', userId, schools, at);
  await insertImportedRows(trx, 'candidate_skills', userId, skills, at);
  return {
    profile_id: profileId,
    counts: {
      profile_fields_updated: Object.keys(changes).length,
      employment_added: jobs.length,
      education_added: schools.length,
      skills_added: skills.length,
    },
  };
}
