import type { Selectable } from 'kysely';
import type { Db } from '../database';
import type { CandidateProfilesTable } from '../schema';
import { readJson, readNullableTimestamp, readNumber, readTimestamp } from '../values';
import {
  VISIBILITY_SECTIONS,
  type CandidateProfile,
  type CandidateProfileFields,
  type ProfileVisibility,
  type VisibilitySettings,
  type WorkMode,
} from '../../domain/candidate-profile';
import { DEFAULT_VISIBILITY_SETTINGS } from '../../domain/value-sets';
import { isRoleOrganisationMember } from '../scoping';

/** Staff reading a candidate: a member of this organisation, which the candidate applied to. */
export interface StaffScope {
  organisationId: string;
  staffUserId: string;
}

/** Settings stored by the original app may lack sections; a missing or malformed one takes the default. */
function readVisibilitySettings(value: string): VisibilitySettings {
  const stored = readJson<Record<string, unknown>>(value) ?? {};
  const settings = { ...DEFAULT_VISIBILITY_SETTINGS } as VisibilitySettings;
  for (const section of VISIBILITY_SECTIONS) {
    const flag = stored[section];
    if (typeof flag === 'boolean') settings[section] = flag;
  }
  return settings;
}

function toProfile(row: Selectable<CandidateProfilesTable>): CandidateProfile {
  return {
    id: row.id,
    user_id: row.user_id,
    first_name: row.first_name,
    last_name: row.last_name,
    email: row.email,
    phone: row.phone,
    suburb: row.suburb,
    postcode: row.postcode,
    state: row.state,
    country: row.country,
    work_rights: row.work_rights,
    availability: row.availability,
    work_mode: row.work_mode as WorkMode | null,
    gpa_wam: readNumber(row.gpa_wam),
    portfolio_url: row.portfolio_url,
    linkedin_url: row.linkedin_url,
    cv_file_path: row.cv_file_path,
    cv_uploaded_at: readNullableTimestamp(row.cv_uploaded_at),
    profile_visibility: row.profile_visibility as ProfileVisibility,
    visibility_settings: readVisibilitySettings(row.visibility_settings),
    paused_at: readNullableTimestamp(row.paused_at),
    manual_fields: readJson<string[]>(row.manual_fields) ?? [],
    created_at: readTimestamp(row.created_at),
    updated_at: readTimestamp(row.updated_at),
    version: row.version,
  };
}

/** What a candidate's write stores: their fields, and the names of the fields they set by hand. */
export type ProfileWrite = Partial<CandidateProfileFields> & { manual_fields: string[] };

function toColumns({ visibility_settings, manual_fields, ...columns }: ProfileWrite) {
  return {
    ...columns,
    manual_fields: JSON.stringify(manual_fields),
    ...(visibility_settings === undefined ? {} : { visibility_settings: JSON.stringify(visibility_settings) }),
  };
}

/**
 * The applications that let this staff member read this candidate: the candidate applied to a role of the
 * organisation, the caller is a member of it, and the candidate's profile is visible. Every staff read of
 * candidate data is filtered by it, in the query itself.
 */
export function staffAccessTo(db: Db, candidateId: string, scope: StaffScope) {
  return db
    .selectFrom('applications')
    .innerJoin('job_roles', 'job_roles.id', 'applications.job_role_id')
    .innerJoin('candidate_profiles', 'candidate_profiles.user_id', 'applications.candidate_id')
    .select('applications.id')
    .where('applications.candidate_id', '=', candidateId)
    .where('job_roles.organisation_id', '=', scope.organisationId)
    .where(isRoleOrganisationMember(scope.staffUserId))
    .where('candidate_profiles.profile_visibility', '=', 'visible');
}

export async function findProfileByUser(db: Db, userId: string): Promise<CandidateProfile | null> {
  const row = await db.selectFrom('candidate_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return row ? toProfile(row) : null;
}

/** The candidate's profile as staff of the scope's organisation may load it; null when they may not. */
export async function findProfileForStaff(db: Db, candidateId: string, scope: StaffScope): Promise<CandidateProfile | null> {
  const row = await db
    .selectFrom('candidate_profiles')
    .selectAll()
    .where('user_id', '=', candidateId)
    .where((eb) => eb.exists(staffAccessTo(db, candidateId, scope)))
    .executeTakeFirst();
  return row ? toProfile(row) : null;
}

export async function insertProfile(
  db: Db,
  profile: { id: string; user_id: string; created_at: Date } & CandidateProfileFields & ProfileWrite,
): Promise<void> {
  await db
    .insertInto('candidate_profiles')
    .values({ ...toColumns(profile), id: profile.id, user_id: profile.user_id, created_at: profile.created_at, updated_at: profile.created_at })
    .execute();
}

/** Applies the changes if the row is still at `version`; false when it is not (or does not exist). */
export async function updateProfile(
  db: Db,
  userId: string,
  version: number,
  changes: ProfileWrite,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('candidate_profiles')
    .set((eb) => ({ ...toColumns(changes), updated_at: now, version: eb('version', '+', 1) }))
    .where('user_id', '=', userId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Pauses (a time) or resumes (null) the candidate's profile; a paused candidate is left out of shortlists. Nothing
 * is written when it is already so: false then, and when there is no profile.
 */
export async function setProfilePausedAt(db: Db, userId: string, pausedAt: Date | null, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('candidate_profiles')
    .set((eb) => ({ paused_at: pausedAt, updated_at: now, version: eb('version', '+', 1) }))
    .where('user_id', '=', userId)
    .where('paused_at', pausedAt === null ? 'is not' : 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
