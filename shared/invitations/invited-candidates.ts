import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import { insertApplicationToActiveRole } from '../db/repositories/applications';
import {
  deleteEmptyInvitedUser,
  findApplicationIdOfCandidateForRole,
  findInvitedUser,
  insertInvitedUser,
  moveInvitedApplications,
} from '../db/repositories/invited-candidates';
import type { DbScope } from '../db/scopes';
import { ConflictError } from '../errors';
import type { IdempotentOutcome } from '../idempotency/idempotent-request';
import { HIRING_ROLES, loadJobRole } from '../job-roles/role-access';
import { ExpiresInDays, type InvitationSent } from './invitation';
import { queueInvitation, type InvitationRequestContext } from './send-invitation';

/**
 * Inviting someone by email who may have no account yet (the recruiter's "send invitation" dialog): the application
 * belongs to a placeholder user of that address until the person signs in with it verified, when it becomes theirs.
 */

export const InviteByEmailInput = z
  .strictObject({
    email: z.email().max(320).describe('Where the invitation goes; the application is attached to whoever signs in with this address, verified.'),
    name: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/^[^\p{Cc}]*$/u, 'no control characters')
      .optional()
      .describe('How to call the person until they sign in.'),
    expiresInDays: ExpiresInDays,
  })
  .meta({ id: 'InviteByEmailRequest' });

export type InviteByEmailInput = z.infer<typeof InviteByEmailInput>;

/**
 * Creates (or reuses) the application of that address to the role and sends the invitation exactly as
 * send-invitation does: same transaction, outbox, token hash, audit and Idempotency-Key rules.
 */
export async function inviteByEmail(
  data: DbScope,
  caller: Caller,
  roleId: string,
  input: InviteByEmailInput,
  idempotencyKey: string | null,
  context: InvitationRequestContext,
): Promise<IdempotentOutcome<InvitationSent>> {
  return queueInvitation(data, caller, { function_name: 'invite-to-job-role', key: idempotencyKey, body: { roleId, ...input } }, context, async (trx) => ({
    applicationId: await applicationOfInvitee(trx, caller, roleId, input),
    candidateEmail: input.email,
    expiresInDays: input.expiresInDays,
  }));
}

async function applicationOfInvitee(trx: Db, caller: Caller, roleId: string, input: InviteByEmailInput): Promise<string> {
  await loadJobRole(trx, caller, roleId, HIRING_ROLES);
  const now = new Date();
  let invitee = await findInvitedUser(trx, input.email);
  if (!invitee) {
    invitee = { id: randomUUID() };
    try {
      await insertInvitedUser(trx, { id: invitee.id, email: input.email, display_name: input.name ?? null, now });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('This address is being invited by another request; try again.');
      throw error;
    }
  }
  const existing = await findApplicationIdOfCandidateForRole(trx, invitee.id, roleId);
  if (existing) return existing;
  const applicationId = randomUUID();
  if (!(await insertApplicationToActiveRole(trx, { id: applicationId, candidate_id: invitee.id, job_role_id: roleId, created_at: now }))) {
    throw new ConflictError('Only an active job role takes invitations; publish it first.');
  }
  return applicationId;
}

/**
 * On sign-in with a verified email: the applications staff made for that address become the signed-in person's,
 * and the placeholder goes once it holds nothing. One lookup by unique key when there is nothing to attach.
 */
export async function attachInvitedApplications(db: Db, userId: string, verifiedEmail: string, now = new Date()): Promise<void> {
  const invitee = await findInvitedUser(db, verifiedEmail);
  if (!invitee || invitee.id === userId) return;
  await db.transaction().execute(async (trx) => {
    await moveInvitedApplications(trx, invitee.id, userId, now);
    await deleteEmptyInvitedUser(trx, invitee.id);
  });
}
