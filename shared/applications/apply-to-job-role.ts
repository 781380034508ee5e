import { randomUUID } from 'node:crypto';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import { findApplicationForCaller, insertApplicationToActiveRole } from '../db/repositories/applications';
import { appendAudit } from '../db/repositories/audit-log';
import type { Application } from '../domain/application';
import { ConflictError, NotFoundError } from '../errors';
import { staffViewOf } from './application-views';

/** The caller applies, as themself, to a role that is active; a second application to the same role is refused. */
export async function applyToJobRole(db: Db, caller: Caller, roleId: string, context: { ipAddress: string }): Promise<Application> {
  const now = new Date();
  const id = randomUUID();
  try {
    return await db.transaction().execute(async (trx) => {
      if (!(await insertApplicationToActiveRole(trx, { id, candidate_id: caller.user.id, job_role_id: roleId, created_at: now }))) {
        throw new NotFoundError('No such job role open for applications.');
      }
      const application = await findApplicationForCaller(trx, id, caller.user.id);
      if (!application) throw new NotFoundError('No such job role open for applications.');
      await appendAudit(
        trx,
        {
          user_id: caller.user.id,
          organisation_id: application.organisation_id,
          action: 'application_created',
          entity_type: 'application',
          entity_id: id,
          new_values: { job_role_id: application.job_role_id, status: application.status },
          ip_address: context.ipAddress,
        },
        now,
      );
      return staffViewOf(application);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('You have already applied to this role.');
    throw error;
  }
}
