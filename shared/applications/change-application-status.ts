import { z } from 'zod';
import { requireOrgRole } from '../auth/authorize';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { findApplicationForCaller, updateApplicationStatusAtVersion } from '../db/repositories/applications';
import { appendAudit } from '../db/repositories/audit-log';
import type { Application } from '../domain/application';
import { APPLICATION_STATUSES } from '../domain/value-sets';
import { ForbiddenError, NotFoundError, PreconditionFailedError } from '../errors';
import { HIRING_ROLES } from '../job-roles/role-access';
import { assertTransition } from '../job-roles/status-transitions';
import { APPLICATION_TRANSITIONS } from './application-transitions';
import { staffViewOf } from './application-views';

export const ChangeApplicationStatusInput = z
  .strictObject({ status: z.enum(APPLICATION_STATUSES) })
  .meta({ id: 'ChangeApplicationStatusRequest' });
export type ChangeApplicationStatusInput = z.infer<typeof ChangeApplicationStatusInput>;

const stale = () => new PreconditionFailedError('The application changed since you read it; read it again and retry.');

/** Staff move an application along the hiring pipeline; its candidate never can (a defect of the original). */
export async function changeApplicationStatus(
  db: Db,
  caller: Caller,
  applicationId: string,
  version: number,
  input: ChangeApplicationStatusInput,
  context: { ipAddress: string },
): Promise<Application> {
  const now = new Date();
  return db.transaction().execute(async (trx) => {
    const application = await findApplicationForCaller(trx, applicationId, caller.user.id);
    if (!application) throw new NotFoundError('No such application.');
    if (!caller.memberships.some((m) => m.organisation_id === application.organisation_id)) {
      throw new ForbiddenError('Only the hiring organisation changes the status of an application.');
    }
    requireOrgRole(caller, application.organisation_id, HIRING_ROLES);
    if (application.version !== version) throw stale();
    assertTransition(APPLICATION_TRANSITIONS, 'application', application.status, input.status);
    if (!(await updateApplicationStatusAtVersion(trx, application, input.status, now))) throw stale();
    await appendAudit(
      trx,
      {
        user_id: caller.user.id,
        organisation_id: application.organisation_id,
        action: 'application_status_changed',
        entity_type: 'application',
        entity_id: application.id,
        old_values: { status: application.status },
        new_values: { status: input.status },
        ip_address: context.ipAddress,
      },
      now,
    );
    const updated = await findApplicationForCaller(trx, application.id, caller.user.id);
    if (!updated) throw new NotFoundError('No such application.');
    return staffViewOf(updated);
  });
}
