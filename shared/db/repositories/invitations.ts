import type { Selectable } from 'kysely';
import type { Db } from '../database';
import { firstRows } from '../dialect';
import type { InvitationsTable } from '../schema';
import { readNullableTimestamp, readTimestamp } from '../values';
import type { Invitation, InvitationStatus } from '../../invitations/invitation';
import { isApplicationParty, isRoleOrganisationMember } from '../scoping';
import { olderThan } from '../pagination';

export interface NewInvitation {
  id: string;
  application_id: string;
  token_hash: string;
  expires_at: Date;
  created_by: string;
  created_at: Date;
}

/** An invitation with who may act on it: the organisation of its role and the application's candidate. */
export interface InvitationAccess {
  invitation: Invitation;
  organisation_id: string;
  candidate_id: string;
}

/** Where to write to a candidate: the profile's address first, then the sign-in account's. */
export interface CandidateContact {
  first_name: string | null;
  profile_email: string | null;
  account_email: string | null;
}

/** The invitation an ACS message id belongs to, and whether that email is the invitation's latest. */
export interface EmailInvitation {
  invitation_id: string;
  organisation_id: string;
  status: InvitationStatus;
  is_latest_email: boolean;
}

function toInvitation(row: Selectable<InvitationsTable>): Invitation {
  return {
    id: row.id,
    application_id: row.application_id,
    status: row.status as InvitationStatus,
    email_template: row.email_template,
    expires_at: readTimestamp(row.expires_at),
    sent_at: readNullableTimestamp(row.sent_at),
    delivered_at: readNullableTimestamp(row.delivered_at),
    opened_at: readNullableTimestamp(row.opened_at),
    failed_at: readNullableTimestamp(row.failed_at),
    revoked_at: readNullableTimestamp(row.revoked_at),
    interview_id: row.interview_id,
    created_by: row.created_by,
    created_at: readTimestamp(row.created_at),
  };
}

export async function insertInvitation(db: Db, invitation: NewInvitation): Promise<Invitation> {
  await db
    .insertInto('invitations')
    .values({ ...invitation, status: 'pending', email_template: 'standard' })
    .execute();
  const stored = await db.selectFrom('invitations').selectAll().where('id', '=', invitation.id).executeTakeFirstOrThrow();
  return toInvitation(stored);
}

/** Reads an invitation its candidate or a member of the role's organisation may see; scoped in the query. */
export async function findInvitationForUser(db: Db, invitationId: string, userId: string): Promise<InvitationAccess | null> {
  const row = await db
    .selectFrom('invitations')
    .innerJoin('applications', 'applications.id', 'invitations.application_id')
    .innerJoin('job_roles', 'job_roles.id', 'applications.job_role_id')
    .selectAll('invitations')
    .select(['job_roles.organisation_id', 'applications.candidate_id'])
    .where('invitations.id', '=', invitationId)
    .where(isApplicationParty(userId))
    .executeTakeFirst();
  if (!row) return null;
  const { organisation_id, candidate_id, ...invitation } = row;
  return { invitation: toInvitation(invitation), organisation_id, candidate_id };
}

/** One application's invitations, newest first, for a member of the role's organisation. */
export async function listInvitationsForMember(
  db: Db,
  query: { application_id: string; user_id: string; after: { created_at: string; id: string } | null; rows: number },
): Promise<Invitation[]> {
  let select = db
    .selectFrom('invitations')
    .innerJoin('applications', 'applications.id', 'invitations.application_id')
    .innerJoin('job_roles', 'job_roles.id', 'applications.job_role_id')
    .selectAll('invitations')
    .where('invitations.application_id', '=', query.application_id)
    .where(isRoleOrganisationMember(query.user_id));
  const after = query.after;
  if (after) {
    select = select.where(olderThan('invitations.created_at', 'invitations.id', { at: new Date(after.created_at), id: after.id }));
  }
  const rows = await firstRows(db, select.orderBy('invitations.created_at', 'desc').orderBy('invitations.id', 'desc'), query.rows).execute();
  return rows.map(toInvitation);
}

export async function findCandidateContact(db: Db, candidateId: string): Promise<CandidateContact | null> {
  const row = await db
    .selectFrom('users')
    .leftJoin('candidate_profiles', 'candidate_profiles.user_id', 'users.id')
    .select(['candidate_profiles.first_name', 'candidate_profiles.email as profile_email', 'users.email as account_email'])
    .where('users.id', '=', candidateId)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * A new token and expiry for an invitation that is not revoked: the old link stops working at once (its hash is
 * gone) and the invitation waits for its new email again. False when it was revoked meanwhile.
 */
export async function reissueInvitationToken(db: Db, change: { id: string; token_hash: string; expires_at: Date }): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ token_hash: change.token_hash, expires_at: change.expires_at, status: 'pending', sent_at: null, delivered_at: null, failed_at: null })
    .where('id', '=', change.id)
    .where('status', '!=', 'revoked')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** False when it was already revoked. */
export async function markInvitationRevoked(db: Db, invitationId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ status: 'revoked', revoked_at: now })
    .where('id', '=', invitationId)
    .where('status', '!=', 'revoked')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Ends every live interview session opened through the invitation or on its interview; returns how many. */
export async function revokeSessionsOfInvitation(db: Db, invitation: { id: string; interview_id: string | null }, now: Date): Promise<number> {
  const result = await db
    .updateTable('interview_sessions')
    .set({ revoked_at: now })
    .where('revoked_at', 'is', null)
    .where((eb) =>
      invitation.interview_id === null
        ? eb('invitation_id', '=', invitation.id)
        : eb.or([eb('invitation_id', '=', invitation.id), eb('interview_id', '=', invitation.interview_id)]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Statuses an invitation moves on from only forwards: later news never undoes a revocation or an opened link. */
async function moveInvitation(db: Db, invitationId: string, from: InvitationStatus[], set: Partial<Pick<Selectable<InvitationsTable>, 'status' | 'sent_at' | 'delivered_at' | 'failed_at'>>): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set(set)
    .where('id', '=', invitationId)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export function markInvitationSent(db: Db, invitationId: string, now: Date): Promise<boolean> {
  return moveInvitation(db, invitationId, ['pending'], { status: 'sent', sent_at: now });
}

export function markInvitationFailed(db: Db, invitationId: string, now: Date): Promise<boolean> {
  return moveInvitation(db, invitationId, ['pending'], { status: 'failed', failed_at: now });
}

/** A delivery report may beat our own poll to the finish, so a pending invitation can be delivered directly. */
export function markInvitationDelivered(db: Db, invitationId: string, at: Date): Promise<boolean> {
  return moveInvitation(db, invitationId, ['pending', 'sent', 'failed'], { status: 'delivered', delivered_at: at });
}

export function markInvitationBounced(db: Db, invitationId: string): Promise<boolean> {
  return moveInvitation(db, invitationId, ['pending', 'sent'], { status: 'bounced' });
}

export async function findInvitationOfEmail(db: Db, providerMessageId: string): Promise<EmailInvitation | null> {
  const row = await db
    .selectFrom('email_outbox')
    .innerJoin('invitations', 'invitations.id', 'email_outbox.invitation_id')
    .innerJoin('applications', 'applications.id', 'invitations.application_id')
    .innerJoin('job_roles', 'job_roles.id', 'applications.job_role_id')
    .select(['invitations.id as invitation_id', 'invitations.status', 'job_roles.organisation_id'])
    // T-SQL has no boolean select expressions, hence CASE.
    .select((eb) =>
      eb
        .case()
        .when(
          eb.exists(
            eb
              .selectFrom('email_outbox as later')
              .select('later.id')
              .whereRef('later.invitation_id', '=', 'email_outbox.invitation_id')
              .whereRef('later.created_at', '>', 'email_outbox.created_at'),
          ),
        )
        .then(0)
        .else(1)
        .end()
        .as('is_latest_email'),
    )
    .where('email_outbox.provider_message_id', '=', providerMessageId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    invitation_id: row.invitation_id,
    organisation_id: row.organisation_id,
    status: row.status as InvitationStatus,
    is_latest_email: Number(row.is_latest_email) === 1,
  };
}

/** Invitations whose link has lapsed unused become `expired`; opened ones keep their status (their interview exists). */
export async function expireLapsedInvitations(db: Db, now: Date): Promise<number> {
  const result = await db
    .updateTable('invitations')
    .set({ status: 'expired' })
    .where('expires_at', '<', now)
    .where('status', 'in', ['pending', 'sent', 'delivered'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
