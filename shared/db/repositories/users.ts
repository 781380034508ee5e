import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../database';
import { isUniqueViolation } from '../errors';
import type { UsersTable } from '../schema';
import { readTimestamp } from '../values';
import type { Membership, User } from '../../domain/models';
import type { OrgRole } from '../../domain/value-sets';

export interface SignInIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  displayName: string | null;
}

/** Sign-ins closer together than this do not rewrite last_sign_in_at: no write on every request. */
const SIGN_IN_REFRESH_MS = 5 * 60 * 1000;

function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    email: row.email,
    display_name: row.display_name,
    created_at: readTimestamp(row.created_at),
    last_sign_in_at: readTimestamp(row.last_sign_in_at),
  };
}

async function findByIdentity(db: Db, issuer: string, subject: string) {
  return db.selectFrom('users').selectAll().where('issuer', '=', issuer).where('subject', '=', subject).executeTakeFirst();
}

/** Returns the user behind a validated token, creating it on first sign-in (safe under concurrent first calls). */
export async function provisionUser(db: Db, identity: SignInIdentity, now = new Date()): Promise<User> {
  const existing = await findByIdentity(db, identity.issuer, identity.subject);
  if (existing) {
    const stale = now.getTime() - new Date(readTimestamp(existing.last_sign_in_at)).getTime() > SIGN_IN_REFRESH_MS;
    const changed = existing.email !== identity.email || existing.display_name !== identity.displayName;
    if (!stale && !changed) return toUser(existing);
    await db
      .updateTable('users')
      .set({ last_sign_in_at: now, email: identity.email, display_name: identity.displayName })
      .where('id', '=', existing.id)
      .execute();
    return toUser({ ...existing, last_sign_in_at: now, email: identity.email, display_name: identity.displayName });
  }
  const row = {
    id: randomUUID(),
    issuer: identity.issuer,
    subject: identity.subject,
    email: identity.email,
    display_name: identity.displayName,
    created_at: now,
    last_sign_in_at: now,
  };
  try {
    await db.insertInto('users').values(row).execute();
    return toUser(row);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await findByIdentity(db, identity.issuer, identity.subject);
    if (!winner) throw error;
    return toUser(winner);
  }
}

export async function listMemberships(db: Db, userId: string): Promise<Membership[]> {
  const rows = await db
    .selectFrom('org_users')
    .innerJoin('organisations', 'organisations.id', 'org_users.organisation_id')
    .select([
      'org_users.organisation_id',
      'organisations.name as organisation_name',
      'org_users.role',
      'org_users.created_at',
    ])
    .where('org_users.user_id', '=', userId)
    .orderBy('org_users.created_at')
    .execute();
  return rows.map((r) => ({
    organisation_id: r.organisation_id,
    organisation_name: r.organisation_name,
    role: r.role as OrgRole,
    joined_at: readTimestamp(r.created_at),
  }));
}
