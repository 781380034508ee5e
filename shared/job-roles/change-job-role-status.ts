import { z } from 'zod';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { appendAudit } from '../db/repositories/audit-log';
import { findJobRoleForMember, updateJobRoleAtVersion } from '../db/repositories/job-roles';
import type { JobRole } from '../domain/job-role';
import { JOB_ROLE_STATUSES } from '../domain/value-sets';
import { ConflictError, NotFoundError } from '../errors';
import { HIRING_ROLES, loadJobRole, staleJobRole } from './role-access';
import { assertTransition, JOB_ROLE_TRANSITIONS } from './status-transitions';

export const ChangeJobRoleStatusInput = z
  .strictObject({ status: z.enum(JOB_ROLE_STATUSES) })
  .meta({ id: 'ChangeJobRoleStatusRequest' });
export type ChangeJobRoleStatusInput = z.infer<typeof ChangeJobRoleStatusInput>;

/** Moves the role along draft → active ⇄ paused → closed; candidates can apply only while it is active. */
export async function changeJobRoleStatus(
  db: Db,
  caller: Caller,
  roleId: string,
  version: number,
  input: ChangeJobRoleStatusInput,
  context: { ipAddress: string },
): Promise<JobRole> {
  const now = new Date();
  return db.transaction().execute(async (trx) => {
    const role = await loadJobRole(trx, caller, roleId, HIRING_ROLES);
    if (role.version !== version) throw staleJobRole();
    assertTransition(JOB_ROLE_TRANSITIONS, 'job role', role.status, input.status);
    if (input.status === 'active' && !role.description) {
      throw new ConflictError('A role needs a title and a description before it can be activated.');
    }
    if (!(await updateJobRoleAtVersion(trx, role, { status: input.status }, now))) throw staleJobRole();
    await appendAudit(
      trx,
      {
        user_id: caller.user.id,
        organisation_id: role.organisation_id,
        action: 'role_status_changed',
        entity_type: 'job_role',
        entity_id: role.id,
        old_values: { status: role.status },
        new_values: { status: input.status },
        ip_address: context.ipAddress,
      },
      now,
    );
    const updated = await findJobRoleForMember(trx, role.id, caller.user.id);
    if (!updated) throw new NotFoundError('No such job role.');
    return updated;
  });
}
