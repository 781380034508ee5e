import { randomUUID } from 'node:crypto';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import { insertApplication } from '../db/repositories/applications';
import { appendAudit } from '../db/repositories/audit-log';
import { findActiveJobRole } from '../db/repositories/job-roles';
import type { Application } from '../domain/application';
import { ConflictError, NotFoundError } from '../errors';

/** The caller applies, as themself, to a role that is active; a second application to the same role is refused. */
export async function applyToJobRole(db: Db, caller: Caller, roleId: string, context: { ipAddress: string }): Promise<Application> {
  const now = new Date();
  try {
    return await db.transaction().execute(async (trx) => {
      const role = await findActiveJobRole(trx, roleId);
      if (!role) throw new NotFoundError('No such job role open for applications.');
      const application = await insertApplication(trx, {
        id: randomUUID(),
        candidate_id: caller.user.id,
        job_role_id: role.id,
        created_at: now,
      });
      await appendAudit(
        trx,
        {
          user_id: caller.user.id,
          organisation_id: role.organisation_id,
          action: 'application_created',
          entity_type: 'application',
          entity_id: application.id,
          new_values: { job_role_id: role.id, status: application.status },
          ip_address: context.ipAddress,
        },
        now,
      );
      return application;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('You have already applied to this role.');
    throw error;
  }
}
