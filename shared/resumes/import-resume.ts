import { randomUUID } from 'node:crypto';
import type { ParsedEducation, ParsedEmployment, ParsedSkill } from './parse-resume-task';
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
import { resumeSkillKey } from './offline/resume-skills';

export interface ResumeImportCounts {
  profile_fields_updated: number;
  employment_added: number;
  education_added: number;
  skills_added: number;
}

export const NOTHING_IMPORTED: ResumeImportCounts = { profile_fields_updated: 0, employment_added: 0, education_added: 0, skills_added: 0 };

/** What an import writes: profile values and rows that reached the import threshold, or that the candidate accepted. */
export interface ResumeRows {
  profile: Partial<ResumeProfileValues>;
  employment: ParsedEmployment[];
  education: ParsedEducation[];
  skills: ParsedSkill[];
}

/** The same thing written differently ("Atlassian " and "atlassian") is one thing. */
const keyOf = (...parts: string[]) => parts.map((p) => p.trim().replace(/\s+/g, ' ').toLowerCase()).join('\u0000');

/** What the resume may change: values it states, in fields the candidate did not set by hand, that differ. */
function profileChanges(profile: ProfileForImport | null, values: Partial<ResumeProfileValues>): Partial<ResumeProfileValues> {
  const changes: Partial<ResumeProfileValues> = {};
  for (const field of RESUME_PROFILE_FIELDS) {
    const value = values[field];
    if (value === null || value === undefined) continue;
    if (profile && (profile.manual_fields.includes(field) || profile[field] === value)) continue;
    changes[field] = value;
  }
  return changes;
}

/** Rows whose key is neither stored already nor repeated in the import itself. */
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
 * Writes resume values into the caller's profile and records, as the original client did but on the server and
 * in the caller's transaction: profile fields the candidate set by hand stay as they are; jobs (title and
 * company), qualifications (institution and degree) and skills (as written, case and spacing aside: Xero and MYOB
 * are two skills) already there are not added again; existing rows, typed by hand or imported before, are never
 * changed. `file` is the parsed file's columns, or null when accepting suggestions.
 */
export async function importResumeRows(
  trx: Db,
  userId: string,
  profile: ProfileForImport | null,
  rows: ResumeRows,
  file: CvFileColumns | null,
  at: Date,
): Promise<{ profile_id: string; counts: ResumeImportCounts }> {
  const changes = profileChanges(profile, rows.profile);
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

  const jobs = unseen(rows.employment, (await listEmploymentKeys(trx, userId)).map((r) => keyOf(r.job_title, r.company_name)), (r) => keyOf(r.job_title, r.company_name));
  const schools = unseen(rows.education, (await listEducationKeys(trx, userId)).map((r) => keyOf(r.institution, r.degree)), (r) => keyOf(r.institution, r.degree));
  const skills = unseen(rows.skills, (await listSkillNames(trx, userId)).map(resumeSkillKey), (r) => resumeSkillKey(r.skill_name));
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
