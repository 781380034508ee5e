import { z } from 'zod';
import { diffForAudit } from '../audit/audit-changes';
import type { Caller } from '../auth/caller';
import { requireOrgRole } from '../auth/authorize';
import type { Db } from '../db/database';
import { decodeCursor, PageQuery, toPage, type Page } from '../db/pagination';
import { appendAudit } from '../db/repositories/audit-log';
import {
  countAdmins,
  deleteMembership,
  findMember,
  listMembers,
  lockMembershipsOf,
  updateMemberRole,
} from '../db/repositories/members';
import type { OrganisationMember } from '../domain/organisation-members';
import { ORG_ROLES } from '../domain/value-sets';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError } from '../errors';

export const ListMembersQuery = z.strictObject({ ...PageQuery });
export type ListMembersQuery = z.infer<typeof ListMembersQuery>;

export const AddMemberInput = z
  .strictObject({
    email: z.email().max(320).describe('The email to invite; the person accepts when signed in with it (verified).'),
    role: z.enum(ORG_ROLES),
  })
  .meta({ id: 'AddMemberRequest' });
export type AddMemberInput = z.infer<typeof AddMemberInput>;

export const ChangeMemberRoleInput = z.strictObject({ role: z.enum(ORG_ROLES) }).meta({ id: 'ChangeMemberRoleRequest' });
export type ChangeMemberRoleInput = z.infer<typeof ChangeMemberRoleInput>;

const NO_SUCH_MEMBER = 'No such member of this organisation.';
const NOT_ADMIN_NOW = 'You are no longer an admin of this organisation.';
const LAST_ADMIN = 'An organisation needs at least one admin: make another member admin first.';

interface WriteContext {
  ipAddress: string;
}

export async function listOrganisationMembers(
  db: Db,
  caller: Caller,
  organisationId: string,
  query: ListMembersQuery,
): Promise<Page<OrganisationMember>> {
  requireOrgRole(caller, organisationId, ['admin']);
  const rows = await listMembers(db, organisationId, decodeCursor(query.cursor), query.limit + 1);
  return toPage(rows, query.limit, (m) => ({ value: m.created_at, id: m.id }), (m) => m);
}

/**
 * Serialises membership changes of the organisation and checks again, inside that lock, that the caller is still
 * an admin: their role may have been changed by a request that committed after this one was authorised.
 */
async function lockAsAdmin(trx: Db, caller: Caller, organisationId: string): Promise<void> {
  await lockMembershipsOf(trx, organisationId);
  const self = await findMember(trx, organisationId, caller.user.id);
  if (self?.role !== 'admin') throw new ForbiddenError(NOT_ADMIN_NOW);
}

/**
 * Changes a member's role. Membership changes of one organisation are serialised, and the admin count is read
 * inside that lock, so two admins demoting each other at once cannot leave the organisation without one.
 */
export async function changeMemberRole(
  db: Db,
  caller: Caller,
  organisationId: string,
  userId: string,
  expectedVersion: number,
  input: ChangeMemberRoleInput,
  context: WriteContext,
): Promise<OrganisationMember> {
  requireOrgRole(caller, organisationId, ['admin']);
  return db.transaction().execute(async (trx) => {
    await lockAsAdmin(trx, caller, organisationId);
    const before = await findMember(trx, organisationId, userId);
    if (!before) throw new NotFoundError(NO_SUCH_MEMBER);
    const stale = 'The membership changed since you read it; read it again and reapply your change.';
    if (before.version !== expectedVersion) throw new PreconditionFailedError(stale);
    if (before.role === 'admin' && input.role !== 'admin' && (await countAdmins(trx, organisationId)) <= 1) {
      throw new ConflictError(LAST_ADMIN);
    }
    if (!(await updateMemberRole(trx, before.id, expectedVersion, input.role))) throw new PreconditionFailedError(stale);
    const diff = diffForAudit({ role: before.role }, { role: input.role });
    await appendAudit(trx, {
      user_id: caller.user.id,
      organisation_id: organisationId,
      action: 'member_role_changed',
      entity_type: 'org_user',
      entity_id: before.id,
      old_values: diff ? { user_id: userId, ...diff.old_values } : null,
      new_values: diff ? { user_id: userId, ...diff.new_values } : null,
      ip_address: context.ipAddress,
    });
    const after = await findMember(trx, organisationId, userId);
    if (!after) throw new NotFoundError(NO_SUCH_MEMBER);
    return after;
  });
}

/** Removes a member (an admin may remove themself), never the last admin; serialised like changeMemberRole. */
export async function removeOrganisationMember(
  db: Db,
  caller: Caller,
  organisationId: string,
  userId: string,
  context: WriteContext,
): Promise<void> {
  requireOrgRole(caller, organisationId, ['admin']);
  await db.transaction().execute(async (trx) => {
    await lockAsAdmin(trx, caller, organisationId);
    const member = await findMember(trx, organisationId, userId);
    if (!member) throw new NotFoundError(NO_SUCH_MEMBER);
    if (member.role === 'admin' && (await countAdmins(trx, organisationId)) <= 1) throw new ConflictError(LAST_ADMIN);
    await deleteMembership(trx, member.id);
    await appendAudit(trx, {
      user_id: caller.user.id,
      organisation_id: organisationId,
      action: 'member_removed',
      entity_type: 'org_user',
      entity_id: member.id,
      old_values: { user_id: userId, role: member.role },
      ip_address: context.ipAddress,
    });
  });
}
