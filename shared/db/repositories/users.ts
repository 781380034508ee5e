import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../database';
import { firstRows } from '../dialect';
import { isUniqueViolation } from '../errors';
import { ConflictError } from '../../errors';
import type { UsersTable } from '../schema';
import { readTimestamp } from '../values';
import { appendAudit } from './audit-log';
import { INVITED_ISSUER } from './invited-candidates';
import type { Membership, User } from '../../domain/models';
import type { AccountType, OrgRole } from '../../domain/value-sets';

export interface SignInIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  /** The issuer vouches that `email` belongs to the signer (see VerifiedToken.emailVerified). */
  emailVerified: boolean;
  displayName: string | null;
}

/**
 * Issuer of users brought across from the Supabase project (`npm run migrate:supabase`) that no Entra identity
 * has claimed yet; their subject is their old id and their email the one Supabase had confirmed (lower-cased).
 */
export const LEGACY_ISSUER = 'urn:talenti:supabase-auth';

/** Sign-ins closer together than this do not rewrite last_sign_in_at: no write on every request. */
const SIGN_IN_REFRESH_MS = 5 * 60 * 1000;

function toUser(row: Omit<Selectable<UsersTable>, 'account_type'>): User {
  return {
    id: row.id,
    email: row.email,
    display_name: row.display_name,
    created_at: readTimestamp(row.created_at),
    last_sign_in_at: readTimestamp(row.last_sign_in_at),
  };
}

/** The user a sign-in belongs to: its first identity, or one linked to it later (user_identities). One statement. */
async function findByIdentity(db: Db, issuer: string, subject: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('issuer', '=', issuer), eb('subject', '=', subject)]),
        eb('id', 'in', eb.selectFrom('user_identities').select('user_id').where('issuer', '=', issuer).where('subject', '=', subject)),
      ]),
    )
    .executeTakeFirst();
}

/** Users of other tenants whose stored email (only ever a verified one) is this one; at most two are needed to tell. */
export async function findUsersWithEmailElsewhere(db: Db, email: string, issuer: string) {
  const lower = email.trim().toLowerCase();
  return firstRows(
    db,
    db
      .selectFrom('users')
      .selectAll()
      .where('email', 'in', [...new Set([email, lower])])
      .where('issuer', 'not in', [issuer, LEGACY_ISSUER, INVITED_ISSUER]),
    2,
  ).execute();
}

/** Links a further sign-in to a user, audited; false when the same sign-in was linked concurrently. */
export async function linkIdentity(db: Db, userId: string, identity: SignInIdentity, now: Date): Promise<boolean> {
  try {
    await db.insertInto('user_identities').values({ id: randomUUID(), issuer: identity.issuer, subject: identity.subject, user_id: userId, created_at: now }).execute();
    await appendAudit(db, { user_id: userId, organisation_id: null, action: 'sign_in_linked', entity_type: 'user', entity_id: userId, new_values: { issuer: identity.issuer } }, now);
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Migrated users no Entra identity has claimed yet whose confirmed email is this one. */
export async function findUnclaimedLegacyUsers(db: Db, email: string) {
  return db.selectFrom('users').selectAll().where('issuer', '=', LEGACY_ISSUER).where('email', '=', email.trim().toLowerCase()).execute();
}

/** Gives a migrated user its Entra identity; false when another sign-in claimed it first. */
export async function claimLegacyUser(db: Db, userId: string, identity: SignInIdentity, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ issuer: identity.issuer, subject: identity.subject, display_name: identity.displayName, last_sign_in_at: now })
    .where('id', '=', userId)
    .where('issuer', '=', LEGACY_ISSUER)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * First sign-in of someone who had an account in the Supabase era: the one migrated user whose confirmed email
 * equals the token's verified email becomes theirs, with its old id and so all its data. Several migrated users
 * with that email cannot be told apart: sign-in is refused until an operator links the right one (mapping file),
 * rather than handing out an empty account that would later have to be merged. No verified email, or no match:
 * null, and a new user is created as for anyone else.
 */
async function linkLegacyUser(db: Db, identity: SignInIdentity, now: Date): Promise<User | null> {
  if (!identity.emailVerified || !identity.email) return null;
  const matches = await findUnclaimedLegacyUsers(db, identity.email);
  if (matches.length > 1) {
    throw new ConflictError('Several accounts from the previous Talenti system share this email address; ask support to link yours.');
  }
  const match = matches[0];
  if (!match) return null;
  if (await claimLegacyUser(db, match.id, identity, now)) {
    return toUser({ ...match, issuer: identity.issuer, subject: identity.subject, display_name: identity.displayName, last_sign_in_at: now });
  }
  const winner = await findByIdentity(db, identity.issuer, identity.subject);
  return winner ? toUser(winner) : null;
}

/**
 * First sign-in with another tenant (a recruiter who is also a candidate, or the reverse): the one user of another
 * issuer whose stored email, which only ever comes from a verified claim, equals this sign-in's verified email
 * becomes this sign-in's user too, so both tenants reach one account. Unverified or no email: never linked.
 * Several such users cannot be told apart: refused until support links the right one, as for migrated accounts.
 */
async function linkSameEmailUser(db: Db, identity: SignInIdentity, now: Date): Promise<User | null> {
  if (!identity.emailVerified || !identity.email) return null;
  const matches = await findUsersWithEmailElsewhere(db, identity.email, identity.issuer);
  if (matches.length > 1) {
    throw new ConflictError('Several Talenti accounts share this email address; ask support to link yours.');
  }
  const match = matches[0];
  if (!match) return null;
  if (await linkIdentity(db, match.id, identity, now)) return toUser(match);
  const winner = await findByIdentity(db, identity.issuer, identity.subject);
  return winner ? toUser(winner) : null;
}

/**
 * Returns the user behind a validated token, creating it on first sign-in (safe under concurrent first calls);
 * a first sign-in with a verified email first looks for that person's migrated account. The stored email comes
 * only from an email the issuer vouches for: an unverified claim never replaces it (nor sets it on a new user),
 * since member invitations and candidate emails are addressed to it.
 */
export async function provisionUser(db: Db, identity: SignInIdentity, now = new Date()): Promise<User> {
  const verifiedEmail = identity.emailVerified ? identity.email : null;
  const existing = await findByIdentity(db, identity.issuer, identity.subject);
  if (existing) {
    const email = verifiedEmail ?? existing.email;
    const stale = now.getTime() - new Date(readTimestamp(existing.last_sign_in_at)).getTime() > SIGN_IN_REFRESH_MS;
    const changed = existing.email !== email || existing.display_name !== identity.displayName;
    if (!stale && !changed) return toUser(existing);
    await db
      .updateTable('users')
      .set({ last_sign_in_at: now, email, display_name: identity.displayName })
      .where('id', '=', existing.id)
      .execute();
    return toUser({ ...existing, last_sign_in_at: now, email, display_name: identity.displayName });
  }
  const linked = (await linkLegacyUser(db, identity, now)) ?? (await linkSameEmailUser(db, identity, now));
  if (linked) return linked;
  const row = {
    id: randomUUID(),
    issuer: identity.issuer,
    subject: identity.subject,
    email: verifiedEmail,
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

/** Whether the user has a candidate profile or an application (also one attached from an invitation). */
export async function hasCandidateRecords(db: Db, userId: string): Promise<boolean> {
  const profile = await firstRows(db, db.selectFrom('candidate_profiles').select('id').where('user_id', '=', userId), 1).executeTakeFirst();
  if (profile) return true;
  const application = await firstRows(db, db.selectFrom('applications').select('id').where('candidate_id', '=', userId), 1).executeTakeFirst();
  return application !== undefined;
}

/** The user's sign-up choice, null until made. */
export async function findAccountType(db: Db, userId: string): Promise<AccountType | null> {
  const row = await db.selectFrom('users').select('account_type').where('id', '=', userId).executeTakeFirst();
  return (row?.account_type ?? null) as AccountType | null;
}

/** Stores the choice when none is stored yet; false when one already was (by an earlier or concurrent call). */
export async function setAccountTypeOnce(db: Db, userId: string, accountType: AccountType): Promise<boolean> {
  const result = await db.updateTable('users').set({ account_type: accountType }).where('id', '=', userId).where('account_type', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
