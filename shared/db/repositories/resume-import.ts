import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Db } from '../database';
import type { Database } from '../schema';
import { readNullableTimestamp } from '../values';

/** Profile fields a resume can fill in; the names are the columns'. */
export const RESUME_PROFILE_FIELDS = [
  'first_name', 'last_name', 'email', 'phone', 'suburb', 'state', 'postcode', 'country', 'linkedin_url', 'portfolio_url',
] as const;
export type ResumeProfileField = (typeof RESUME_PROFILE_FIELDS)[number];
export type ResumeProfileValues = Record<ResumeProfileField, string | null>;

/** What an import needs to know of the caller's profile. */
export interface ProfileForImport extends ResumeProfileValues {
  id: string;
  version: number;
  manual_fields: string[];
  cv_file_path: string | null;
  cv_content_hash: string | null;
  cv_parsed_at: string | null;
}

export interface CvFileColumns {
  cv_file_path: string;
  cv_uploaded_at?: Date;
  cv_content_hash: string;
  cv_parsed_at: Date;
}

export interface ImportedEmployment {
  job_title: string;
  company_name: string;
  start_date: string;
  end_date: string | null;
  is_current: boolean;
  description: string | null;
}

export interface ImportedEducation {
  institution: string;
  degree: string;
  field_of_study: string | null;
  start_date: string | null;
  end_date: string | null;
  is_current: boolean;
}

export interface ImportedSkill {
  skill_name: string;
  skill_type: string;
}

function parseFieldList(value: string): string[] {
  const parsed: unknown = JSON.parse(value);
  return Array.isArray(parsed) ? parsed.filter((f): f is string => typeof f === 'string') : [];
}

export async function findProfileForImport(db: Db, userId: string): Promise<ProfileForImport | null> {
  const row = await db
    .selectFrom('candidate_profiles')
    .select(['id', 'version', 'manual_fields', 'cv_file_path', 'cv_content_hash', 'cv_parsed_at', ...RESUME_PROFILE_FIELDS])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) return null;
  return { ...row, manual_fields: parseFieldList(row.manual_fields), cv_parsed_at: readNullableTimestamp(row.cv_parsed_at) };
}

/** A first profile, made by the import: nothing in it was set by hand. */
export async function insertImportedProfile(
  db: Db,
  row: { id: string; user_id: string; at: Date } & Partial<ResumeProfileValues> & Partial<CvFileColumns>,
): Promise<void> {
  const { at, ...columns } = row;
  await db
    .insertInto('candidate_profiles')
    .values({ ...columns, manual_fields: '[]', created_at: at, updated_at: at })
    .execute();
}

/** Writes the import over the profile if it is still at `version`; false when someone changed it meanwhile. */
export async function updateImportedProfile(
  db: Db,
  userId: string,
  version: number,
  changes: Partial<ResumeProfileValues> & Partial<CvFileColumns>,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('candidate_profiles')
    .set((eb) => ({ ...changes, updated_at: at, version: eb('version', '+', 1) }))
    .where('user_id', '=', userId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The version an import left the profile at (read in the import's transaction, where the profile exists). */
export async function readProfileVersion(db: Db, userId: string): Promise<number> {
  const row = await db.selectFrom('candidate_profiles').select('version').where('user_id', '=', userId).executeTakeFirstOrThrow();
  return row.version;
}

export async function listEmploymentKeys(db: Db, userId: string): Promise<Array<{ job_title: string; company_name: string }>> {
  return db.selectFrom('employment_history').select(['job_title', 'company_name']).where('user_id', '=', userId).execute();
}

export async function listEducationKeys(db: Db, userId: string): Promise<Array<{ institution: string; degree: string }>> {
  return db.selectFrom('education').select(['institution', 'degree']).where('user_id', '=', userId).execute();
}

export async function listSkillNames(db: Db, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('candidate_skills').select('skill_name').where('user_id', '=', userId).execute();
  return rows.map((r) => r.skill_name);
}

/** The candidate record tables an import adds rows to, with the row each takes. */
export interface ImportedRows {
  employment_history: ImportedEmployment;
  education: ImportedEducation;
  candidate_skills: ImportedSkill;
}

/** Adds rows marked as coming from a resume (source 'resume'), so they are told apart from rows made by hand. */
export async function insertImportedRows<T extends keyof ImportedRows>(db: Db, table: T, userId: string, rows: Array<ImportedRows[T]>, at: Date): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((row) => ({ ...row, id: randomUUID(), user_id: userId, source: 'resume', created_at: at }));
  // Each ImportedRows entry is a subset of its table's insert shape, which TypeScript cannot see through the generic.
  await db.insertInto(table).values(values as unknown as Array<Insertable<Database[T]>>).execute();
}
