import type { Caller } from '../auth/caller';
import { appendAudit } from '../db/repositories/audit-log';
import { findJobRoleForMember } from '../db/repositories/job-roles';
import type { DbScope } from '../db/scopes';
import { NotFoundError } from '../errors';

/**
 * Checks that the job role asked for (if any) belongs to the organisation, and audits the request, in one
 * transaction: an auditor's figure is never produced without its audit row.
 */
export async function auditFairnessRequest(
  data: DbScope,
  caller: Caller,
  request: { organisationId: string; jobRoleId: string | null; action: string; details: Record<string, unknown>; ipAddress: string },
): Promise<void> {
  const { organisationId, jobRoleId } = request;
  await data.transaction(async (trx) => {
    if (jobRoleId !== null) {
      const role = await findJobRoleForMember(trx, jobRoleId, caller.user.id);
      if (!role || role.organisation_id !== organisationId) throw new NotFoundError('No such job role in this organisation.');
    }
    await appendAudit(trx, {
      user_id: caller.user.id,
      organisation_id: organisationId,
      action: request.action,
      entity_type: jobRoleId === null ? 'organisation' : 'job_role',
      entity_id: jobRoleId ?? organisationId,
      old_values: null,
      new_values: request.details,
      ip_address: request.ipAddress,
    });
  });
}
