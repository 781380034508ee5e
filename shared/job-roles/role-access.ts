import { requireOrgRole } from '../auth/authorize';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { findJobRoleForMember } from '../db/repositories/job-roles';
import type { JobRole } from '../domain/job-role';
import type { OrgRole } from '../domain/value-sets';
import { NotFoundError, PreconditionFailedError } from '../errors';

/** The roles that create and edit job roles and move applications along (the original RLS write rule). */
export const HIRING_ROLES: readonly OrgRole[] = ['admin', 'recruiter', 'hiring_manager'];

/** Loads a role the caller's organisation owns and checks the caller's role there; others get 404. */
export async function loadJobRole(db: Db, caller: Caller, roleId: string, allowed: readonly OrgRole[]): Promise<JobRole> {
  const role = await findJobRoleForMember(db, roleId, caller.user.id);
  if (!role) throw new NotFoundError('No such job role.');
  requireOrgRole(caller, role.organisation_id, allowed);
  return role;
}

export function staleJobRole(): PreconditionFailedError {
  return new PreconditionFailedError('The job role changed since you read it; read it again and retry.');
}
