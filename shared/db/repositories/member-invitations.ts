import type { Db } from '../database';
import { firstRows } from '../dialect';
import { readTimestamp } from '../values';
import type { MemberInvitation, MemberInvitationStatus } from '../../domain/member-invitations';
import type { OrgRole } from '../../domain/value-sets';

/** The most invitations one list returns: pending invitations of one organisation or one person are few. */
export const MEMBER_INVITATION_LIST_LIMIT = 100;

function invitations(db: Db) {
  return db
    .selectFrom('member_invitations')
    .innerJoin('organisations', 'organisations.id', 'member_invitations.organisation_id')
    .select([
      'member_invitations.id',
      'member_invitations.organisation_id',
      'organisations.name as organisation_name',
      'member_invitations.email',
      'member_invitations.role',
      'member_invitations.status',
      'member_invitations.created_at',
      'member_invitations.expires_at',
    ]);
}

type InvitationRow = Awaited<ReturnType<ReturnType<typeof invitations>['executeTakeFirstOrThrow']>>;

function toInvitation(row: InvitationRow): MemberInvitation {
  return {
    ...row,
    role: row.role as OrgRole,
    status: row.status as MemberInvitationStatus,
    created_at: readTimestamp(row.created_at),
    expires_at: readTimestamp(row.expires_at),
  };
}

export async function insertMemberInvitation(
  db: Db,
  invitation: { id: string; organisation_id: string; email: string; role: OrgRole; invited_by: string; created_at: Date; expires_at: Date },
): Promise<void> {
  await db.insertInto('member_invitations').values({ ...invitation, status: 'pending' }).execute();
}

/** The organisation's pending invitation to this email that has not expired, if any. */
export async function findPendingMemberInvitation(db: Db, organisationId: string, email: string, now: Date): Promise<MemberInvitation | null> {
  const row = await invitations(db)
    .where('member_invitations.organisation_id', '=', organisationId)
    .where('member_invitations.email', '=', email)
    .where('member_invitations.status', '=', 'pending')
    .where('member_invitations.expires_at', '>', now)
    .executeTakeFirst();
  return row ? toInvitation(row) : null;
}

/** The organisation's pending, unexpired invitations, newest first. */
export async function listPendingMemberInvitations(db: Db, organisationId: string, now: Date): Promise<MemberInvitation[]> {
  const query = invitations(db)
    .where('member_invitations.organisation_id', '=', organisationId)
    .where('member_invitations.status', '=', 'pending')
    .where('member_invitations.expires_at', '>', now)
    .orderBy('member_invitations.created_at', 'desc')
    .orderBy('member_invitations.id');
  return (await firstRows(db, query, MEMBER_INVITATION_LIST_LIMIT).execute()).map(toInvitation);
}

/** Pending, unexpired invitations addressed to this (verified, lower-cased) email, across organisations. */
export async function listPendingInvitationsForEmail(db: Db, email: string, now: Date): Promise<MemberInvitation[]> {
  const query = invitations(db)
    .where('member_invitations.email', '=', email)
    .where('member_invitations.status', '=', 'pending')
    .where('member_invitations.expires_at', '>', now)
    .orderBy('member_invitations.created_at', 'desc')
    .orderBy('member_invitations.id');
  return (await firstRows(db, query, MEMBER_INVITATION_LIST_LIMIT).execute()).map(toInvitation);
}

function decide(db: Db, id: string, at: Date) {
  return db.updateTable('member_invitations').where('id', '=', id).where('status', '=', 'pending').where('expires_at', '>', at);
}

/** Accepts the pending invitation if it is addressed to this email; of two concurrent decisions only one wins. */
export async function markMemberInvitationAccepted(db: Db, id: string, email: string, userId: string, at: Date): Promise<boolean> {
  const result = await decide(db, id, at).where('email', '=', email).set({ status: 'accepted', accepted_by: userId, decided_at: at }).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Revokes the organisation's pending invitation; false when it is not pending (accepted, revoked, expired). */
export async function markMemberInvitationRevoked(db: Db, id: string, organisationId: string, at: Date): Promise<boolean> {
  const result = await decide(db, id, at).where('organisation_id', '=', organisationId).set({ status: 'revoked', decided_at: at }).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function findMemberInvitation(db: Db, id: string): Promise<MemberInvitation | null> {
  const row = await invitations(db).where('member_invitations.id', '=', id).executeTakeFirst();
  return row ? toInvitation(row) : null;
}
