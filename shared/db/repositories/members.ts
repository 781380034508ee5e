import type { Db } from '../database';
import { firstRows } from '../dialect';
import type { CursorPosition } from '../pagination';
import { readTimestamp } from '../values';
import type { OrganisationMember } from '../../domain/organisation-members';
import type { OrgRole } from '../../domain/value-sets';

function membersOf(db: Db, organisationId: string) {
  return db
    .selectFrom('org_users')
    .innerJoin('users', 'users.id', 'org_users.user_id')
    .select([
      'org_users.id',
      'org_users.organisation_id',
      'org_users.user_id',
      'users.email',
      'users.display_name',
      'org_users.role',
      'org_users.created_at',
      'org_users.version',
    ])
    .where('org_users.organisation_id', '=', organisationId);
}

type MemberRow = Awaited<ReturnType<ReturnType<typeof membersOf>['executeTakeFirstOrThrow']>>;

function toMember(row: MemberRow): OrganisationMember {
  return { ...row, role: row.role as OrgRole, created_at: readTimestamp(row.created_at) };
}

/** Members in the order they joined; `limit` rows after the cursor (fetch one more to know if there are more). */
export async function listMembers(
  db: Db,
  organisationId: string,
  after: CursorPosition | null,
  limit: number,
): Promise<OrganisationMember[]> {
  let query = membersOf(db, organisationId).orderBy('org_users.created_at').orderBy('org_users.id');
  if (after) {
    const at = new Date(String(after.value));
    query = query.where((eb) =>
      eb.or([
        eb('org_users.created_at', '>', at),
        eb.and([eb('org_users.created_at', '=', at), eb('org_users.id', '>', after.id)]),
      ]),
    );
  }
  const rows = await firstRows(db, query, limit).execute();
  return rows.map(toMember);
}

export async function findMember(db: Db, organisationId: string, userId: string): Promise<OrganisationMember | null> {
  const row = await membersOf(db, organisationId).where('org_users.user_id', '=', userId).executeTakeFirst();
  return row ? toMember(row) : null;
}

/**
 * Takes the organisation row's write lock until the transaction ends, without changing it, so membership
 * changes of one organisation run one after another and the last-admin rule holds under concurrency.
 */
export async function lockMembershipsOf(db: Db, organisationId: string): Promise<void> {
  await db
    .updateTable('organisations')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('id', '=', organisationId)
    .execute();
}

export async function countAdmins(db: Db, organisationId: string): Promise<number> {
  const row = await db
    .selectFrom('org_users')
    .select((eb) => eb.fn.countAll<number | string>().as('admins'))
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'admin')
    .executeTakeFirstOrThrow();
  return Number(row.admins);
}

/** Changes the role if the membership is still at the version read; false when it is not. */
export async function updateMemberRole(
  db: Db,
  membershipId: string,
  expectedVersion: number,
  role: OrgRole,
): Promise<boolean> {
  const result = await db
    .updateTable('org_users')
    .set((eb) => ({ role, version: eb('version', '+', 1) }))
    .where('id', '=', membershipId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteMembership(db: Db, membershipId: string): Promise<void> {
  await db.deleteFrom('org_users').where('id', '=', membershipId).execute();
}
