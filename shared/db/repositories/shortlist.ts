import type { Db } from '../database';
import { readBoolean, readDate, readJson, readNumber, readTimestamp } from '../values';
import { PROFILE_SECTIONS, type ApplicantSkill, type ProfileSection, type StoredApplicant } from '../../shortlist/applicant';
import type { ShortlistRole } from '../../shortlist/role-criteria';
import { NO_PROVIDER, type ShortlistEntry, type ShortlistRun, type ShortlistStage } from '../../shortlist/shortlist-entry';
import { firstRows, jsonRows, readJsonRows } from '../dialect';
import { isRoleOrganisationMember } from '../scoping';

/** A member of the role's organisation asks: the tenancy condition of every query here. */
export interface ShortlistScope {
  job_role_id: string;
  user_id: string;
}

/** A job as the JSON beside its application row holds it: Azure SQL writes bit and date as JSON true and text. */
interface StoredJob {
  job_title: string;
  company_name: string;
  start_date: string;
  end_date: string | null;
  is_current: boolean | number;
  description: string | null;
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

/** Which applicants to read: a chunk in application id order (after the last one read), or the given ones. */
export type ApplicantSelection = { after: string | null; rows: number } | { ids: readonly string[] };

/**
 * Applicants of the role with what the shortlist reads of them: profile facts, skills and work history, and the
 * identifiers (names, contact details, employers) that must be scrubbed from text a model reads. Never DEI. Read
 * a chunk at a time, so a run holds the full records of one chunk, never of every applicant (docs/performance.md).
 * One statement per chunk: each applicant's skills and jobs come back as JSON beside their application row.
 */
export async function listShortlistApplicants(db: Db, scope: ShortlistScope, selection: ApplicantSelection): Promise<StoredApplicant[]> {
  let select = db
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
    .select((eb) => [
      jsonRows(
        db,
        eb
          .selectFrom('candidate_skills')
          .select(['candidate_skills.skill_name', 'candidate_skills.proficiency_level'])
          .whereRef('candidate_skills.user_id', '=', 'applications.candidate_id')
          .orderBy('candidate_skills.created_at')
          .orderBy('candidate_skills.id'),
      ).as('skills'),
      jsonRows(
        db,
        eb
          .selectFrom('employment_history')
          .select([
            'employment_history.job_title',
            'employment_history.company_name',
            'employment_history.start_date',
            'employment_history.end_date',
            'employment_history.is_current',
            'employment_history.description',
          ])
          .whereRef('employment_history.user_id', '=', 'applications.candidate_id')
          .orderBy('employment_history.start_date', 'desc')
          .orderBy('employment_history.id'),
      ).as('jobs'),
    ])
    .where('applications.job_role_id', '=', scope.job_role_id)
    .where(isRoleOrganisationMember(scope.user_id))
    // A candidate who paused their profile is left out of shortlists until they resume it.
    .where('candidate_profiles.paused_at', 'is', null)
    .orderBy('applications.id');
  if ('ids' in selection) {
    if (selection.ids.length === 0) return [];
    select = select.where('applications.id', 'in', selection.ids);
  } else if (selection.after !== null) {
    select = select.where('applications.id', '>', selection.after);
  }
  const applications = await ('ids' in selection ? select : firstRows(db, select, selection.rows)).execute();
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
    skills: readJsonRows<ApplicantSkill>(a.skills),
    employment: readJsonRows<StoredJob>(a.jobs).map((job) => ({
      job_title: job.job_title,
      company_name: job.company_name,
      start_date: readDate(job.start_date),
      end_date: job.end_date === null ? null : readDate(job.end_date),
      is_current: readBoolean(job.is_current),
      description: job.description,
    })),
  }));
}

/**
 * The stored run's provider, prompt version and time, for a member of the organisation; null when none was stored.
 * Two seeks on the rank index: the first entry (the run's time), and the best re-ranked one (its provider).
 */
export async function findShortlistRun(db: Db, scope: ShortlistScope): Promise<ShortlistRun | null> {
  const entries = db
    .selectFrom('shortlist_entries')
    .innerJoin('job_roles', 'job_roles.id', 'shortlist_entries.job_role_id')
    .select(['shortlist_entries.provider', 'shortlist_entries.prompt_version', 'shortlist_entries.created_at'])
    .where('shortlist_entries.job_role_id', '=', scope.job_role_id)
    .where(isRoleOrganisationMember(scope.user_id))
    .orderBy('shortlist_entries.rank')
    .orderBy('shortlist_entries.application_id');
  const first = await firstRows(db, entries, 1).executeTakeFirst();
  if (!first) return null;
  const reranked = await firstRows(db, entries.where('shortlist_entries.stage', '<>', 'deterministic'), 1).executeTakeFirst();
  return { provider: reranked?.provider ?? NO_PROVIDER, prompt_version: reranked?.prompt_version ?? null, created_at: readTimestamp(first.created_at) };
}

/** A keyset position in the stored list: the rank and application id of the last entry of the previous page. */
export interface ShortlistPosition {
  rank: number;
  application_id: string;
}

/** A stored entry with its candidate's profile as it is now (visibility settings and the always-shown facts). */
export interface StoredShortlistMatch {
  entry: ShortlistEntry;
  profile: Pick<NonNullable<StoredApplicant['profile']>, 'profile_visibility' | 'visibility_settings' | 'work_mode' | 'availability' | 'suburb' | 'state'> | null;
}

/**
 * One page of the role's stored shortlist, best first by the rank the run stored (then application id), for a
 * member of its organisation: an index range, no scoring and no sorting of the whole list.
 */
export async function listShortlistPage(db: Db, scope: ShortlistScope, after: ShortlistPosition | null, rows: number): Promise<StoredShortlistMatch[]> {
  let select = db
    .selectFrom('shortlist_entries')
    .innerJoin('applications', 'applications.id', 'shortlist_entries.application_id')
    .innerJoin('job_roles', 'job_roles.id', 'shortlist_entries.job_role_id')
    .leftJoin('candidate_profiles', 'candidate_profiles.user_id', 'applications.candidate_id')
    .selectAll('shortlist_entries')
    .select([
      'applications.candidate_id',
      'candidate_profiles.id as profile_id',
      'candidate_profiles.profile_visibility',
      'candidate_profiles.visibility_settings',
      'candidate_profiles.work_mode',
      'candidate_profiles.availability',
      'candidate_profiles.suburb',
      'candidate_profiles.state',
    ])
    // The role is joined through the entry (a run stores only the role's own applications), so the planner walks
    // the rank index from the cursor instead of reading and sorting every application of the role.
    .where('shortlist_entries.job_role_id', '=', scope.job_role_id)
    .where(isRoleOrganisationMember(scope.user_id))
    // A candidate who paused their profile is left out of shortlists until they resume it.
    .where('candidate_profiles.paused_at', 'is', null);
  if (after) {
    // The range on rank alone lets the index seek to the cursor; the second term drops the rows of that rank already read.
    select = select
      .where('shortlist_entries.rank', '>=', after.rank)
      .where((eb) => eb.or([eb('shortlist_entries.rank', '>', after.rank), eb('shortlist_entries.application_id', '>', after.application_id)]));
  }
  const found = await firstRows(db, select.orderBy('shortlist_entries.rank').orderBy('shortlist_entries.application_id'), rows).execute();
  return found.map((row) => ({
    entry: {
      application_id: row.application_id,
      candidate_id: row.candidate_id,
      job_role_id: row.job_role_id,
      rank: readNumber(row.rank) ?? 0,
      match_score: readNumber(row.match_score) ?? 0,
      deterministic_score: readNumber(row.deterministic_score) ?? 0,
      match_reasons: asStrings(readJson<unknown>(row.match_reasons)),
      stage: row.stage as ShortlistStage,
      provider: row.provider,
      prompt_version: row.prompt_version,
      created_at: readTimestamp(row.created_at),
      skills: asStrings(readJson<unknown>(row.skills)),
      experience: row.experience,
      shown_sections: asStrings(readJson<unknown>(row.shown_sections)).filter((s): s is ProfileSection => (PROFILE_SECTIONS as readonly string[]).includes(s)),
    },
    profile:
      row.profile_id === null
        ? null
        : {
            profile_visibility: row.profile_visibility ?? 'visible',
            visibility_settings: readJson<Record<string, unknown>>(row.visibility_settings),
            work_mode: row.work_mode,
            availability: row.availability,
            suburb: row.suburb,
            state: row.state,
          },
  }));
}
