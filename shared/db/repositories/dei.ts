import type { Selectable } from 'kysely';
import type { Db } from '../database';
import type { CandidateDeiTable } from '../schema';
import { readTimestamp } from '../values';
import type { CandidateDei, CandidateDeiFields, DeiField } from '../../domain/candidate-dei';
import { isRoleOrganisationMember } from '../scoping';

function toDei(row: Selectable<CandidateDeiTable>): CandidateDei {
  return {
    id: row.id,
    user_id: row.user_id,
    gender: row.gender,
    ethnicity: row.ethnicity,
    disability_status: row.disability_status,
    veteran_status: row.veteran_status,
    created_at: readTimestamp(row.created_at),
    version: row.version,
  };
}

export async function findDei(db: Db, userId: string): Promise<CandidateDei | null> {
  const row = await db.selectFrom('candidate_dei').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return row ? toDei(row) : null;
}

export async function insertDei(db: Db, row: { id: string; user_id: string; created_at: Date } & CandidateDeiFields): Promise<void> {
  await db.insertInto('candidate_dei').values(row).execute();
}

/** Replaces the answers if the row is still at `version`; false when it is not (or does not exist). */
export async function updateDei(db: Db, userId: string, version: number, fields: CandidateDeiFields): Promise<boolean> {
  const result = await db
    .updateTable('candidate_dei')
    .set((eb) => ({ ...fields, version: eb('version', '+', 1) }))
    .where('user_id', '=', userId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteDei(db: Db, userId: string): Promise<boolean> {
  const result = await db.deleteFrom('candidate_dei').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * How many of the role's applicants gave each answer to one DEI field: counts only, grouped in the database, so
 * no candidate's row leaves it. Only an admin of the role's organisation gets any counts (checked in the query).
 */
export async function countDeiAnswersForRole(
  db: Db,
  roleId: string,
  adminUserId: string,
  field: DeiField,
): Promise<Array<{ value: string; count: number }>> {
  const column = `candidate_dei.${field}` as const;
  const rows = await db
    .selectFrom('candidate_dei')
    .innerJoin('applications', 'applications.candidate_id', 'candidate_dei.user_id')
    .innerJoin('job_roles', 'job_roles.id', 'applications.job_role_id')
    .select((eb) => [eb.ref(column).as('value'), eb.fn.countAll<number>().as('count')])
    .where('applications.job_role_id', '=', roleId)
    .where(column, 'is not', null)
    .where(isRoleOrganisationMember(adminUserId, ['admin']))
    .groupBy(column)
    .execute();
  return rows.flatMap((row) => (row.value === null ? [] : [{ value: row.value, count: Number(row.count) }]));
}
