import type { Caller } from '../auth/caller';
import { diffForAudit } from '../audit/audit-changes';
import type { Db } from '../db/database';
import { appendAudit } from '../db/repositories/audit-log';
import { findJobRoleForMember, updateJobRoleAtVersion } from '../db/repositories/job-roles';
import { SCORING_DIMENSIONS, type JobRole, type ScoringRubric } from '../domain/job-role';
import { ConflictError, NotFoundError } from '../errors';
import { assertSalaryRange, type UpdateJobRoleInput } from './job-role-input';
import { HIRING_ROLES, loadJobRole, staleJobRole } from './role-access';

/** One entry per dimension weight and label, so the audit shows exactly which weights moved. */
function rubricEntries(rubric: ScoringRubric | null): Record<string, number | string | null> {
  const entries: Record<string, number | string | null> = {};
  for (const dimension of SCORING_DIMENSIONS) {
    entries[`${dimension}.weight`] = rubric?.[dimension]?.weight ?? null;
    entries[`${dimension}.label`] = rubric?.[dimension]?.label ?? null;
  }
  return entries;
}

function valueOf<K extends keyof UpdateJobRoleInput & keyof JobRole>(input: UpdateJobRoleInput, role: JobRole, key: K) {
  return input[key] === undefined ? role[key] : input[key];
}

function assertStillAdvertisable(role: JobRole, input: UpdateJobRoleInput): void {
  if ((role.status === 'active' || role.status === 'paused') && !valueOf(input, role, 'description')) {
    throw new ConflictError(`A ${role.status} role needs a description; it cannot be cleared.`);
  }
}

/**
 * Changes the fields sent, if the role still has the version the caller read. Field changes are audited as
 * role_updated and rubric changes separately as rubric_updated; sending the values the role already has changes nothing.
 */
export async function updateJobRole(
  db: Db,
  caller: Caller,
  roleId: string,
  version: number,
  input: UpdateJobRoleInput,
  context: { ipAddress: string },
): Promise<JobRole> {
  const now = new Date();
  return db.transaction().execute(async (trx) => {
    const role = await loadJobRole(trx, caller, roleId, HIRING_ROLES);
    if (role.version !== version) throw staleJobRole();
    assertSalaryRange(valueOf(input, role, 'salary_range_min'), valueOf(input, role, 'salary_range_max'));
    assertStillAdvertisable(role, input);

    const { scoring_rubric: rubric, ...fields } = input;
    const fieldDiff = diffForAudit(role, fields);
    const rubricDiff = rubric === undefined ? null : diffForAudit(rubricEntries(role.scoring_rubric), rubricEntries(rubric));
    if (!fieldDiff && !rubricDiff) return role;

    if (!(await updateJobRoleAtVersion(trx, role, input, now))) throw staleJobRole();
    const audit = { user_id: caller.user.id, organisation_id: role.organisation_id, entity_id: role.id, ip_address: context.ipAddress };
    if (fieldDiff) await appendAudit(trx, { ...audit, action: 'role_updated', entity_type: 'job_role', ...fieldDiff }, now);
    if (rubricDiff) await appendAudit(trx, { ...audit, action: 'rubric_updated', entity_type: 'scoring_rubric', ...rubricDiff }, now);

    const updated = await findJobRoleForMember(trx, role.id, caller.user.id);
    if (!updated) throw new NotFoundError('No such job role.');
    return updated;
  });
}
