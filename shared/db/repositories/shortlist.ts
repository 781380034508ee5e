import type { Db } from '../database';
import { readBoolean, readDate, readJson, readNumber, readTimestamp } from '../values';
import type { StoredApplicant } from '../../shortlist/applicant';
import type { ShortlistRole } from '../../shortlist/role-criteria';
import type { ShortlistEntry, ShortlistStage } from '../../shortlist/shortlist-entry';
import { isRoleOrganisationMember } from '../scoping';

/** A member of the role's organisation asks: the tenancy condition of every query here. */
export interface ShortlistScope {
  job_role_id: string;
  user_id: string;
}

/** Rows per insert: nine parameters a row stays under Azure SQL's 2,100 parameters per statement. */
const INSERT_BATCH = 200;

/** The candidates who applied to the role, as a subquery, for a member of its organisation. */
function applicantIds(db: Db, scope: ShortlistScope) {
  return db
    .selectFrom('applications')
    .innerJoin('job_roles', 'job_roles.id', 'applications.job_role_id')
    .select('applications.candidate_id')
    .where('applications.job_role_id', '=', scope.job_role_id)
    .where(isRoleOrganisationMember(scope.user_id));
}

function groupBy<R extends { user_id: string }, T>(rows: R[], map: (row: R) => T): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.user_id);
    if (group) group.push(map(row));
    else groups.set(row.user_id, [map(row)]);
  }
  return groups;
}

const asStrings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** The role, only when the user is a member of its organisation. */
export async function findShortlistRole(db: Db, roleId: string, userId: string): Promise<ShortlistRole | null> {
  const row = await db
    .selectFrom('job_roles')
    .select(['job_roles.id', 'job_roles.organisation_id', 'job_roles.title', 'job_roles.work_type', 'job_roles.location', 'job_roles.requirements'])
    .where('job_roles.id', '=', roleId)
    .where(isRoleOrganisationMember(userId))
    .executeTakeFirst();
  if (!row) return null;
  const requirements = readJson<Record<string, unknown>>(row.requirements);
  return {
    ...row,
    requirements: requirements
      ? { skills: asStrings(requirements.skills), experience: asStrings(requirements.experience), qualifications: asStrings(requirements.qualifications) }
      : null,
  };
}

/**
 * Every applicant of the role with what the shortlist reads of them: profile facts, skills and work history, and
 * the identifiers (names, contact details, employers) that must be scrubbed from text a model reads. Never DEI.
 */
export async function listShortlistApplicants(db: Db, scope: ShortlistScope): Promise<StoredApplicant[]> {
  const applications = await db
    .selectFrom('applications')
    .innerJoin('job_roles', 'job_roles.id', 'applications.job_role_id')
    .innerJoin('users', 'users.id', 'applications.candidate_id')
    .leftJoin('candidate_profiles', 'candidate_profiles.user_id', 'applications.candidate_id')
    .select([
      'applications.id as application_id',
      'applications.candidate_id',
      'users.email as account_email',
      'users.display_name',
      'candidate_profiles.id as profile_id',
      'candidate_profiles.profile_visibility',
      'candidate_profiles.visibility_settings',
      'candidate_profiles.work_mode',
      'candidate_profiles.availability',
      'candidate_profiles.work_rights',
      'candidate_profiles.suburb',
      'candidate_profiles.state',
      'candidate_profiles.first_name',
      'candidate_profiles.last_name',
      'candidate_profiles.email',
      'candidate_profiles.phone',
    ])
    .where('applications.job_role_id', '=', scope.job_role_id)
    .where(isRoleOrganisationMember(scope.user_id))
    // A candidate who paused their profile is left out of shortlists until they resume it.
    .where('candidate_profiles.paused_at', 'is', null)
    .execute();
  const skills = await db
    .selectFrom('candidate_skills')
    .select(['user_id', 'skill_name', 'proficiency_level'])
    .where('user_id', 'in', applicantIds(db, scope))
    .orderBy('user_id')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const employment = await db
    .selectFrom('employment_history')
    .select(['user_id', 'job_title', 'company_name', 'start_date', 'end_date', 'is_current', 'description'])
    .where('user_id', 'in', applicantIds(db, scope))
    .orderBy('user_id')
    .orderBy('start_date', 'desc')
    .orderBy('id')
    .execute();

  const skillsOf = groupBy(skills, (s) => ({ skill_name: s.skill_name, proficiency_level: s.proficiency_level }));
  const jobsOf = groupBy(employment, (e) => ({
    job_title: e.job_title,
    company_name: e.company_name,
    start_date: readDate(e.start_date),
    end_date: e.end_date === null ? null : readDate(e.end_date),
    is_current: readBoolean(e.is_current),
    description: e.description,
  }));
  return applications.map((a) => ({
    application_id: a.application_id,
    candidate_id: a.candidate_id,
    profile:
      a.profile_id === null
        ? null
        : {
            profile_visibility: a.profile_visibility ?? 'visible',
            visibility_settings: readJson<Record<string, unknown>>(a.visibility_settings),
            work_mode: a.work_mode,
            availability: a.availability,
            work_rights: a.work_rights,
            suburb: a.suburb,
            state: a.state,
            first_name: a.first_name,
            last_name: a.last_name,
            email: a.email,
            phone: a.phone,
          },
    account: { email: a.account_email, display_name: a.display_name },
    skills: skillsOf.get(a.candidate_id) ?? [],
    employment: jobsOf.get(a.candidate_id) ?? [],
  }));
}

/**
 * Replaces the role's shortlist with `entries` and copies each score to its application (whose version moves on
 * only when the score changed). Call inside a transaction, so readers see the old list or the new, never a mix.
 */
export async function replaceShortlist(db: Db, roleId: string, entries: readonly ShortlistEntry[], at: Date): Promise<void> {
  await db.deleteFrom('shortlist_entries').where('job_role_id', '=', roleId).execute();
  for (let i = 0; i < entries.length; i += INSERT_BATCH) {
    await db
      .insertInto('shortlist_entries')
      .values(
        entries.slice(i, i + INSERT_BATCH).map((entry) => ({
          application_id: entry.application_id,
          job_role_id: roleId,
          match_score: entry.match_score,
          deterministic_score: entry.deterministic_score,
          match_reasons: JSON.stringify(entry.match_reasons),
          stage: entry.stage,
          provider: entry.provider,
          prompt_version: entry.prompt_version,
          created_at: at,
        })),
      )
      .execute();
  }
  await db
    .updateTable('applications')
    .set((eb) => ({
      match_score: eb.selectFrom('shortlist_entries').select('shortlist_entries.match_score').whereRef('shortlist_entries.application_id', '=', 'applications.id'),
      updated_at: at,
      version: eb('applications.version', '+', 1),
    }))
    .where('applications.job_role_id', '=', roleId)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('shortlist_entries')
          .select('shortlist_entries.application_id')
          .whereRef('shortlist_entries.application_id', '=', 'applications.id')
          .where((eb) => eb.or([eb('applications.match_score', 'is', null), eb('applications.match_score', '<>', eb.ref('shortlist_entries.match_score'))])),
      ),
    )
    .execute();
}

/** The role's stored shortlist, for a member of its organisation; empty when none was generated. */
export async function listShortlistEntries(db: Db, scope: ShortlistScope): Promise<ShortlistEntry[]> {
  const rows = await db
    .selectFrom('shortlist_entries')
    .innerJoin('applications', 'applications.id', 'shortlist_entries.application_id')
    .innerJoin('job_roles', 'job_roles.id', 'applications.job_role_id')
    .leftJoin('candidate_profiles', 'candidate_profiles.user_id', 'applications.candidate_id')
    .selectAll('shortlist_entries')
    .select('applications.candidate_id')
    .where('shortlist_entries.job_role_id', '=', scope.job_role_id)
    .where('applications.job_role_id', '=', scope.job_role_id)
    .where(isRoleOrganisationMember(scope.user_id))
    // A candidate who paused their profile is left out of shortlists until they resume it.
    .where('candidate_profiles.paused_at', 'is', null)
    .execute();
  return rows.map((row) => ({
    application_id: row.application_id,
    candidate_id: row.candidate_id,
    job_role_id: row.job_role_id,
    match_score: readNumber(row.match_score) ?? 0,
    deterministic_score: readNumber(row.deterministic_score) ?? 0,
    match_reasons: asStrings(readJson<unknown>(row.match_reasons)),
    stage: row.stage as ShortlistStage,
    provider: row.provider,
    prompt_version: row.prompt_version,
    created_at: readTimestamp(row.created_at),
  }));
}
