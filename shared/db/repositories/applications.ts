import type { Selectable } from 'kysely';
import type { Db } from '../database';
import { firstRows } from '../dialect';
import type { ApplicationsTable } from '../schema';
import { readNumber, readTimestamp } from '../values';
import type { Application, ApplicationStatus } from '../../domain/application';
import { isApplicationParty, isRoleOrganisationMember } from '../scoping';
import { olderThan } from '../pagination';

/** An application with the role and organisation it belongs to, for authorization and the candidate's view. */
export interface ApplicationWithRole extends Application {
  organisation_id: string;
  organisation_name: string;
  job_role_title: string;
  job_role_department: string | null;
  job_role_location: string | null;
}

export type ApplicationSort = 'created_at' | 'match_score';

/** Where a list continues: after the row with this sort value and id (in the list's descending order). */
export interface ApplicationPosition {
  value: string | number | null;
  id: string;
}

export interface RoleApplicationsQuery {
  job_role_id: string;
  user_id: string;
  status?: ApplicationStatus;
  sort: ApplicationSort;
  after: ApplicationPosition | null;
  /** Rows to fetch; a list asks for one more than its page to know whether another page follows. */
  rows: number;
}

function toApplication(row: Selectable<ApplicationsTable>): Application {
  return {
    id: row.id,
    candidate_id: row.candidate_id,
    job_role_id: row.job_role_id,
    status: row.status as ApplicationStatus,
    match_score: readNumber(row.match_score),
    created_at: readTimestamp(row.created_at),
    updated_at: readTimestamp(row.updated_at),
    version: row.version,
  };
}

function withRoleQuery(db: Db) {
  return db
    .selectFrom('applications')
    .innerJoin('job_roles', 'job_roles.id', 'applications.job_role_id')
    .innerJoin('organisations', 'organisations.id', 'job_roles.organisation_id')
    .selectAll('applications')
    .select([
      'job_roles.organisation_id',
      'organisations.name as organisation_name',
      'job_roles.title as job_role_title',
      'job_roles.department as job_role_department',
      'job_roles.location as job_role_location',
    ]);
}

function toApplicationWithRole(
  row: Selectable<ApplicationsTable> & Pick<ApplicationWithRole, 'organisation_id' | 'organisation_name' | 'job_role_title' | 'job_role_department' | 'job_role_location'>,
): ApplicationWithRole {
  return {
    ...toApplication(row),
    organisation_id: row.organisation_id,
    organisation_name: row.organisation_name,
    job_role_title: row.job_role_title,
    job_role_department: row.job_role_department,
    job_role_location: row.job_role_location,
  };
}

/**
 * Applies to the role only if it is active, in one statement, so a role paused meanwhile takes no application.
 * False when the role is not active (or not there).
 */
export async function insertApplicationToActiveRole(
  db: Db,
  application: { id: string; candidate_id: string; job_role_id: string; created_at: Date },
): Promise<boolean> {
  const result = await db
    .insertInto('applications')
    .columns(['id', 'candidate_id', 'job_role_id', 'status', 'created_at', 'updated_at'])
    .expression(
      db
        .selectFrom('job_roles')
        .select((eb) => [
          eb.val(application.id).as('id'),
          eb.val(application.candidate_id).as('candidate_id'),
          'job_roles.id as job_role_id',
          eb.val('applied').as('status'),
          eb.val(application.created_at).as('created_at'),
          eb.val(application.created_at).as('updated_at'),
        ])
        .where('job_roles.id', '=', application.job_role_id)
        .where('job_roles.status', '=', 'active'),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Reads an application its candidate or a member of the role's organisation may see; scoped in the query. */
export async function findApplicationForCaller(db: Db, applicationId: string, userId: string): Promise<ApplicationWithRole | null> {
  const row = await withRoleQuery(db)
    .where('applications.id', '=', applicationId)
    .where(isApplicationParty(userId))
    .executeTakeFirst();
  return row ? toApplicationWithRole(row) : null;
}

/** The applications to one role, for a member of its organisation; highest match or newest first. */
export async function listApplicationsForRole(db: Db, query: RoleApplicationsQuery): Promise<Application[]> {
  const column = query.sort === 'match_score' ? 'applications.match_score' : 'applications.created_at';
  let select = db
    .selectFrom('applications')
    .innerJoin('job_roles', 'job_roles.id', 'applications.job_role_id')
    .selectAll('applications')
    .where('applications.job_role_id', '=', query.job_role_id)
    .where(isRoleOrganisationMember(query.user_id));
  if (query.status) select = select.where('applications.status', '=', query.status);
  const after = query.after;
  if (after) {
    // Both engines sort NULL lowest, so in descending order unranked applications come last.
    select = select.where((eb) =>
      after.value === null
        ? eb.and([eb(column, 'is', null), eb('applications.id', '<', after.id)])
        : eb.or([
            eb(column, '<', after.value),
            eb.and([eb(column, '=', after.value), eb('applications.id', '<', after.id)]),
            ...(query.sort === 'match_score' ? [eb(column, 'is', null)] : []),
          ]),
    );
  }
  const rows = await firstRows(db, select.orderBy(column, 'desc').orderBy('applications.id', 'desc'), query.rows).execute();
  return rows.map(toApplication);
}

/** The candidate's own applications, newest first. */
export async function listApplicationsOfCandidate(
  db: Db,
  query: { candidate_id: string; after: { created_at: string; id: string } | null; rows: number },
): Promise<ApplicationWithRole[]> {
  let select = withRoleQuery(db).where('applications.candidate_id', '=', query.candidate_id);
  const after = query.after;
  if (after) {
    select = select.where(olderThan('applications.created_at', 'applications.id', { at: new Date(after.created_at), id: after.id }));
  }
  const rows = await firstRows(db, select.orderBy('applications.created_at', 'desc').orderBy('applications.id', 'desc'), query.rows).execute();
  return rows.map(toApplicationWithRole);
}

/** Sets the status only if the row still has the version the caller read; false when no row matched. */
export async function updateApplicationStatusAtVersion(
  db: Db,
  target: { id: string; organisation_id: string; version: number },
  status: ApplicationStatus,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('applications')
    .set((eb) => ({ status, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', target.id)
    .where(({ eb, selectFrom }) =>
      eb('job_role_id', 'in', selectFrom('job_roles').select('job_roles.id').where('job_roles.organisation_id', '=', target.organisation_id)),
    )
    .where('version', '=', target.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
