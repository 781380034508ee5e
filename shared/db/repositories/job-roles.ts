import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../database';
import { firstRows } from '../dialect';
import type { JobRolesTable } from '../schema';
import { readJson, readNumber, readTimestamp } from '../values';
import type {
  EmploymentType,
  JobRole,
  JobRoleRequirements,
  JobRoleStatus,
  PublicJobRole,
  WorkType,
} from '../../domain/job-role';
import { olderThan } from '../pagination';
import { isRoleOrganisationMember } from '../scoping';

/** The fields staff write; the JSON documents are stored as text. */
export type JobRoleChanges = Partial<
  Pick<
    JobRole,
    | 'title'
    | 'department'
    | 'industry'
    | 'work_type'
    | 'location'
    | 'salary_range_min'
    | 'salary_range_max'
    | 'employment_type'
    | 'description'
    | 'requirements'
    | 'interview_structure'
    | 'scoring_rubric'
    | 'status'
  >
>;

export interface NewJobRole extends JobRoleChanges {
  id: string;
  organisation_id: string;
  title: string;
  created_by: string;
  created_at: Date;
}

/** Where a list of roles continues: after this row in newest-first order. */
export interface JobRolePosition {
  created_at: string;
  id: string;
}

export interface JobRoleListQuery {
  organisation_id: string;
  user_id: string;
  status?: JobRoleStatus;
  title_contains?: string;
  after: JobRolePosition | null;
  /** Rows to fetch; a list asks for one more than its page to know whether another page follows. */
  rows: number;
}

function toJobRole(row: Selectable<JobRolesTable>): JobRole {
  return {
    id: row.id,
    organisation_id: row.organisation_id,
    title: row.title,
    department: row.department,
    industry: row.industry,
    work_type: row.work_type as WorkType | null,
    location: row.location,
    salary_range_min: readNumber(row.salary_range_min),
    salary_range_max: readNumber(row.salary_range_max),
    employment_type: row.employment_type as EmploymentType | null,
    description: row.description,
    requirements: readJson(row.requirements),
    interview_structure: readJson(row.interview_structure),
    scoring_rubric: readJson(row.scoring_rubric),
    status: row.status as JobRoleStatus,
    created_by: row.created_by,
    created_at: readTimestamp(row.created_at),
    updated_at: readTimestamp(row.updated_at),
    version: row.version,
  };
}

const asJsonText = (document: object | null | undefined) =>
  document === undefined ? undefined : document === null ? null : JSON.stringify(document);

function toRow(changes: JobRoleChanges) {
  const { requirements, interview_structure, scoring_rubric, ...columns } = changes;
  return {
    ...columns,
    requirements: asJsonText(requirements),
    interview_structure: asJsonText(interview_structure),
    scoring_rubric: asJsonText(scoring_rubric),
  };
}

/** The public advertisement keeps the requirement lists a candidate prepares with, never the interview questions. */
function advertisedRequirements(stored: string | null): PublicJobRole['requirements'] {
  const requirements = readJson<Partial<JobRoleRequirements>>(stored);
  if (!requirements) return null;
  const list = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  return {
    skills: list(requirements.skills),
    experience: list(requirements.experience),
    qualifications: list(requirements.qualifications),
    responsibilities: list(requirements.responsibilities),
  };
}

export async function insertJobRole(db: Db, role: NewJobRole): Promise<JobRole> {
  await db
    .insertInto('job_roles')
    .values({ ...toRow(role), id: role.id, organisation_id: role.organisation_id, title: role.title, updated_at: role.created_at })
    .execute();
  const stored = await db.selectFrom('job_roles').selectAll().where('id', '=', role.id).executeTakeFirstOrThrow();
  return toJobRole(stored);
}

/** Reads a role, scoped in the query to organisations the user belongs to. */
export async function findJobRoleForMember(db: Db, roleId: string, userId: string): Promise<JobRole | null> {
  const row = await db
    .selectFrom('job_roles')
    .selectAll('job_roles')
    .where('job_roles.id', '=', roleId)
    .where(isRoleOrganisationMember(userId))
    .executeTakeFirst();
  return row ? toJobRole(row) : null;
}

/**
 * Reads an active role as any signed-in user may see it; only advertised columns leave the database. The
 * organisation is left-joined: on Azure SQL its row-level policy may hide it from someone who has not applied yet.
 */
export async function findActiveJobRole(db: Db, roleId: string): Promise<PublicJobRole | null> {
  const row = await db
    .selectFrom('job_roles')
    .leftJoin('organisations', 'organisations.id', 'job_roles.organisation_id')
    .select([
      'job_roles.id',
      'job_roles.organisation_id',
      'organisations.name as organisation_name',
      'job_roles.title',
      'job_roles.department',
      'job_roles.industry',
      'job_roles.work_type',
      'job_roles.location',
      'job_roles.salary_range_min',
      'job_roles.salary_range_max',
      'job_roles.employment_type',
      'job_roles.description',
      'job_roles.requirements',
      'job_roles.status',
      'job_roles.created_at',
    ])
    .where('job_roles.id', '=', roleId)
    .where('job_roles.status', '=', 'active')
    .executeTakeFirst();
  if (!row) return null;
  return {
    ...row,
    work_type: row.work_type as WorkType | null,
    salary_range_min: readNumber(row.salary_range_min),
    salary_range_max: readNumber(row.salary_range_max),
    employment_type: row.employment_type as EmploymentType | null,
    requirements: advertisedRequirements(row.requirements),
    status: row.status as JobRoleStatus,
    created_at: readTimestamp(row.created_at),
  };
}

/** An organisation's roles, newest first, for one of its members. */
export async function listJobRolesForMember(db: Db, query: JobRoleListQuery): Promise<JobRole[]> {
  let select = db
    .selectFrom('job_roles')
    .selectAll('job_roles')
    .where('job_roles.organisation_id', '=', query.organisation_id)
    .where(isRoleOrganisationMember(query.user_id));
  if (query.status) select = select.where('job_roles.status', '=', query.status);
  if (query.title_contains) {
    const pattern = `%${query.title_contains.replace(/[\\%_[]/g, (c) => `\\${c}`)}%`;
    // lower() on both sides: the same case folding on SQLite and on any Azure SQL collation.
    select = select.where(sql<boolean>`lower(${sql.ref('job_roles.title')}) like lower(${pattern}) escape '\\'`);
  }
  const after = query.after;
  if (after) {
    select = select.where(olderThan('job_roles.created_at', 'job_roles.id', { at: new Date(after.created_at), id: after.id }));
  }
  const rows = await firstRows(db, select.orderBy('job_roles.created_at', 'desc').orderBy('job_roles.id', 'desc'), query.rows).execute();
  return rows.map(toJobRole);
}

/**
 * Applies the changes only if the row still has the version the caller read; the version then moves on by one.
 * False when no row matched (changed meanwhile, or gone).
 */
export async function updateJobRoleAtVersion(
  db: Db,
  target: { id: string; organisation_id: string; version: number },
  changes: JobRoleChanges,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('job_roles')
    .set((eb) => ({ ...toRow(changes), updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', target.id)
    .where('organisation_id', '=', target.organisation_id)
    .where('version', '=', target.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Deletes the role only while it is a draft; false when it is not (any more). */
export async function deleteDraftJobRole(db: Db, target: { id: string; organisation_id: string }): Promise<boolean> {
  const result = await db
    .deleteFrom('job_roles')
    .where('id', '=', target.id)
    .where('organisation_id', '=', target.organisation_id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
