import { randomUUID } from 'node:crypto';
import { requireOrgRole } from '../auth/authorize';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { appendAudit } from '../db/repositories/audit-log';
import { insertJobRole } from '../db/repositories/job-roles';
import type { JobRole } from '../domain/job-role';
import { assertSalaryRange, type CreateJobRoleInput } from './job-role-input';
import { HIRING_ROLES } from './role-access';

/** Creates a draft role in the organisation and records it in the audit log, in one transaction. */
export async function createJobRole(
  db: Db,
  caller: Caller,
  organisationId: string,
  input: CreateJobRoleInput,
  context: { ipAddress: string },
): Promise<JobRole> {
  requireOrgRole(caller, organisationId, HIRING_ROLES);
  assertSalaryRange(input.salary_range_min ?? null, input.salary_range_max ?? null);
  const now = new Date();
  return db.transaction().execute(async (trx) => {
    const role = await insertJobRole(trx, {
      ...input,
      id: randomUUID(),
      organisation_id: organisationId,
      status: 'draft',
      created_by: caller.user.id,
      created_at: now,
    });
    await appendAudit(
      trx,
      {
        user_id: caller.user.id,
        organisation_id: organisationId,
        action: 'role_created',
        entity_type: 'job_role',
        entity_id: role.id,
        new_values: { title: role.title, status: role.status },
        ip_address: context.ipAddress,
      },
      now,
    );
    return role;
  });
}
