import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { appendAudit } from '../db/repositories/audit-log';
import { deleteDraftJobRole } from '../db/repositories/job-roles';
import { ConflictError } from '../errors';
import { loadJobRole } from './role-access';

/** Admins may delete a role while it is a draft; a role that was ever advertised is closed instead. */
export async function deleteJobRole(db: Db, caller: Caller, roleId: string, context: { ipAddress: string }): Promise<void> {
  const now = new Date();
  await db.transaction().execute(async (trx) => {
    const role = await loadJobRole(trx, caller, roleId, ['admin']);
    if (role.status !== 'draft' || !(await deleteDraftJobRole(trx, role))) {
      throw new ConflictError('Only a draft role can be deleted; close an advertised role instead.');
    }
    await appendAudit(
      trx,
      {
        user_id: caller.user.id,
        organisation_id: role.organisation_id,
        action: 'role_deleted',
        entity_type: 'job_role',
        entity_id: role.id,
        old_values: { title: role.title, status: role.status },
        ip_address: context.ipAddress,
      },
      now,
    );
  });
}
