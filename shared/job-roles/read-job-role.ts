import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { findActiveJobRole, findJobRoleForMember } from '../db/repositories/job-roles';
import type { JobRole, PublicJobRole } from '../domain/job-role';
import { NotFoundError } from '../errors';

export type JobRoleView = { audience: 'staff'; job_role: JobRole } | { audience: 'public'; job_role: PublicJobRole };

/**
 * Members of the role's organisation see all of it; any other signed-in user sees the advertisement of an
 * active role only (the original RLS rule), and nothing of a role that is not active.
 */
export async function readJobRole(db: Db, caller: Caller, roleId: string): Promise<JobRoleView> {
  const role = await findJobRoleForMember(db, roleId, caller.user.id);
  if (role) return { audience: 'staff', job_role: role };
  const advertised = await findActiveJobRole(db, roleId);
  if (advertised) return { audience: 'public', job_role: advertised };
  throw new NotFoundError('No such job role.');
}
