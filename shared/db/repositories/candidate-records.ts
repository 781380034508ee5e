import type { Selectable, Updateable } from 'kysely';
import type { Db } from '../database';
import type { CandidateSkillsTable, Database, EducationTable, EmploymentHistoryTable } from '../schema';
import { readBoolean, readDate, readTimestamp } from '../values';
import type {
  CandidateSkill,
  Education,
  EducationFields,
  Employment,
  EmploymentFields,
  ProficiencyLevel,
  SkillFields,
  SkillType,
} from '../../domain/candidate-records';
import { staffAccessTo, type StaffScope } from './candidate-profiles';

/** Employment history, education and skills: rows owned by one candidate (user_id), each with its own version. */
export type CandidateRecordTable = 'employment_history' | 'education' | 'candidate_skills';

/** Rows the candidate wrote; the column's default, spelled out for updates. */
const MANUAL_SOURCE = 'manual';

export interface NewRecord {
  id: string;
  user_id: string;
  created_at: Date;
}

function readNullableDate(value: Date | string | null): string | null {
  return value === null ? null : readDate(value);
}

function recordColumns(row: { id: string; user_id: string; source: string; created_at: Date | string; version: number }) {
  return { id: row.id, user_id: row.user_id, source: row.source, created_at: readTimestamp(row.created_at), version: row.version };
}

function toEmployment(row: Selectable<EmploymentHistoryTable>): Employment {
  return {
    ...recordColumns(row),
    job_title: row.job_title,
    company_name: row.company_name,
    start_date: readDate(row.start_date),
    end_date: readNullableDate(row.end_date),
    is_current: readBoolean(row.is_current),
    description: row.description,
  };
}

function toEducation(row: Selectable<EducationTable>): Education {
  return {
    ...recordColumns(row),
    institution: row.institution,
    degree: row.degree,
    field_of_study: row.field_of_study,
    start_date: readNullableDate(row.start_date),
    end_date: readNullableDate(row.end_date),
    is_current: readBoolean(row.is_current),
  };
}

function toSkill(row: Selectable<CandidateSkillsTable>): CandidateSkill {
  return {
    ...recordColumns(row),
    skill_name: row.skill_name,
    skill_type: row.skill_type as SkillType,
    proficiency_level: row.proficiency_level as ProficiencyLevel | null,
  };
}

/** A candidate's own rows, or (with a staff scope) the rows staff of that organisation may read. */
export async function listEmployment(db: Db, userId: string, staff?: StaffScope): Promise<Employment[]> {
  let query = db.selectFrom('employment_history').selectAll().where('user_id', '=', userId);
  if (staff) query = query.where((eb) => eb.exists(staffAccessTo(db, userId, staff)));
  const rows = await query.orderBy('is_current', 'desc').orderBy('start_date', 'desc').orderBy('id').execute();
  return rows.map(toEmployment);
}

export async function listEducation(db: Db, userId: string, staff?: StaffScope): Promise<Education[]> {
  let query = db.selectFrom('education').selectAll().where('user_id', '=', userId);
  if (staff) query = query.where((eb) => eb.exists(staffAccessTo(db, userId, staff)));
  const rows = await query.orderBy('is_current', 'desc').orderBy('start_date', 'desc').orderBy('id').execute();
  return rows.map(toEducation);
}

export async function listSkills(db: Db, userId: string, staff?: StaffScope): Promise<CandidateSkill[]> {
  let query = db.selectFrom('candidate_skills').selectAll().where('user_id', '=', userId);
  if (staff) query = query.where((eb) => eb.exists(staffAccessTo(db, userId, staff)));
  const rows = await query.orderBy('skill_name').orderBy('id').execute();
  return rows.map(toSkill);
}

export async function findEmployment(db: Db, userId: string, id: string): Promise<Employment | null> {
  const row = await db.selectFrom('employment_history').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return row ? toEmployment(row) : null;
}

export async function findEducation(db: Db, userId: string, id: string): Promise<Education | null> {
  const row = await db.selectFrom('education').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return row ? toEducation(row) : null;
}

export async function findSkill(db: Db, userId: string, id: string): Promise<CandidateSkill | null> {
  const row = await db.selectFrom('candidate_skills').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return row ? toSkill(row) : null;
}

/** Another of the candidate's skills with this name, compared case-insensitively. */
export async function findSkillIdByName(db: Db, userId: string, skillName: string, exceptId: string | null): Promise<string | null> {
  let query = db
    .selectFrom('candidate_skills')
    .select('id')
    .where('user_id', '=', userId)
    .where((eb) => eb(eb.fn<string>('lower', ['skill_name']), '=', skillName.toLowerCase()));
  if (exceptId) query = query.where('id', '<>', exceptId);
  const row = await query.executeTakeFirst();
  return row?.id ?? null;
}

export async function insertEmployment(db: Db, row: NewRecord & EmploymentFields): Promise<void> {
  await db.insertInto('employment_history').values(row).execute();
}

export async function insertEducation(db: Db, row: NewRecord & EducationFields): Promise<void> {
  await db.insertInto('education').values(row).execute();
}

export async function insertSkill(db: Db, row: NewRecord & SkillFields): Promise<void> {
  await db.insertInto('candidate_skills').values(row).execute();
}

/**
 * Applies the changes if the row is still at `version`; false when it is not (or is not the candidate's). An
 * edited row becomes the candidate's own: a later resume parse leaves it alone.
 */
export async function updateCandidateRecord<T extends CandidateRecordTable>(
  db: Db,
  table: T,
  userId: string,
  id: string,
  version: number,
  changes: Updateable<Database[T]>,
): Promise<boolean> {
  const result = await db
    .updateTable(table as CandidateRecordTable)
    .set((eb) => ({ ...changes, source: MANUAL_SOURCE, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteCandidateRecord(db: Db, table: CandidateRecordTable, userId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom(table).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function countCandidateRecords(db: Db, table: CandidateRecordTable, userId: string): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
