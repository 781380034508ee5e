import { randomUUID } from 'node:crypto';
import type { Caller } from '../auth/caller';
import { requireOrgRole } from '../auth/authorize';
import type { Db } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import { appendAudit } from '../db/repositories/audit-log';
import { findMember } from '../db/repositories/members';
import {
  findMemberInvitation,
  findPendingMemberInvitation,
  insertMemberInvitation,
  listPendingInvitationsForEmail,
  listPendingMemberInvitations,
  markMemberInvitationAccepted,
  markMemberInvitationRevoked,
} from '../db/repositories/member-invitations';
import { insertMembership } from '../db/repositories/organisations';
import type { MemberInvitation } from '../domain/member-invitations';
import type { OrganisationMember } from '../domain/organisation-members';
import { ConflictError, NotFoundError } from '../errors';
import type { AddMemberInput } from './members';

/** How long an invitation to become a member stays open. */
export const MEMBER_INVITATION_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;
const NO_SUCH_INVITATION = 'No such invitation for you: it is addressed to another email, or it was revoked or has expired.';

interface WriteContext {
  ipAddress: string;
}

/**
 * Invites an email to become a member with a role. No account is looked up, so the answer is the same whether or
 * not anyone signs in with that address, and nobody becomes a member without accepting. Inviting the same address
 * again while an invitation is open returns that invitation.
 */
export async function inviteMember(db: Db, caller: Caller, organisationId: string, input: AddMemberInput, context: WriteContext): Promise<MemberInvitation> {
  requireOrgRole(caller, organisationId, ['admin']);
  const email = input.email.trim().toLowerCase();
  const now = new Date();
  return db.transaction().execute(async (trx) => {
    const open = await findPendingMemberInvitation(trx, organisationId, email, now);
    if (open) return open;
    const id = randomUUID();
    await insertMemberInvitation(trx, { id, organisation_id: organisationId, email, role: input.role, invited_by: caller.user.id, created_at: now, expires_at: new Date(now.getTime() + MEMBER_INVITATION_DAYS * DAY_MS) });
    // The address is personal data: the audit log records that an invitation was made and its role only.
    await appendAudit(trx, { user_id: caller.user.id, organisation_id: organisationId, action: 'member_invited', entity_type: 'member_invitation', entity_id: id, new_values: { role: input.role }, ip_address: context.ipAddress }, now);
    const created = await findMemberInvitation(trx, id);
    if (!created) throw new NotFoundError(NO_SUCH_INVITATION);
    return created;
  });
}

export async function listMemberInvitations(db: Db, caller: Caller, organisationId: string): Promise<MemberInvitation[]> {
  requireOrgRole(caller, organisationId, ['admin']);
  return listPendingMemberInvitations(db, organisationId, new Date());
}

export async function revokeMemberInvitation(db: Db, caller: Caller, organisationId: string, invitationId: string, context: WriteContext): Promise<void> {
  requireOrgRole(caller, organisationId, ['admin']);
  const now = new Date();
  await db.transaction().execute(async (trx) => {
    if (!(await markMemberInvitationRevoked(trx, invitationId, organisationId, now))) throw new NotFoundError('No such open invitation of this organisation.');
    await appendAudit(trx, { user_id: caller.user.id, organisation_id: organisationId, action: 'member_invitation_revoked', entity_type: 'member_invitation', entity_id: invitationId, ip_address: context.ipAddress }, now);
  });
}

/** The caller's stored email is set only from a verified claim, so it proves who an invitation is for. */
function invitedEmailOf(caller: Caller): string | null {
  return caller.user.email?.trim().toLowerCase() || null;
}

/** Open invitations addressed to the caller's verified email. Read in system scope: the caller is not a member yet. */
export async function listMyMemberInvitations(system: Db, caller: Caller): Promise<MemberInvitation[]> {
  const email = invitedEmailOf(caller);
  return email ? listPendingInvitationsForEmail(system, email, new Date()) : [];
}

/**
 * The invitee accepts: in one transaction (system scope, as the caller is not a member yet) the invitation addressed
 * to their verified email is marked accepted and the membership created, or neither happens.
 */
export async function acceptMemberInvitation(system: Db, caller: Caller, invitationId: string, context: WriteContext): Promise<OrganisationMember> {
  const email = invitedEmailOf(caller);
  if (!email) throw new NotFoundError(NO_SUCH_INVITATION);
  const now = new Date();
  try {
    return await system.transaction().execute(async (trx) => {
      const invitation = await findMemberInvitation(trx, invitationId);
      if (!invitation || invitation.email !== email) throw new NotFoundError(NO_SUCH_INVITATION);
      if (!(await markMemberInvitationAccepted(trx, invitationId, email, caller.user.id, now))) {
        throw new ConflictError(invitation.status === 'accepted' ? 'This invitation was already accepted.' : NO_SUCH_INVITATION);
      }
      const id = randomUUID();
      await insertMembership(trx, { id, organisation_id: invitation.organisation_id, user_id: caller.user.id, role: invitation.role, created_at: now });
      await appendAudit(trx, { user_id: caller.user.id, organisation_id: invitation.organisation_id, action: 'member_added', entity_type: 'org_user', entity_id: id, new_values: { user_id: caller.user.id, role: invitation.role, invitation_id: invitationId }, ip_address: context.ipAddress }, now);
      const member = await findMember(trx, invitation.organisation_id, caller.user.id);
      if (!member) throw new NotFoundError(NO_SUCH_INVITATION);
      return member;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('You are already a member of this organisation.');
    throw error;
  }
}
