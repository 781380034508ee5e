import { ForbiddenError, NotFoundError } from '../errors';
import type { Membership } from '../domain/models';
import type { OrgRole } from '../domain/value-sets';
import type { Caller } from './caller';

/** Every role, for reads any member may do. */
export const ANY_ORG_ROLE: readonly OrgRole[] = ['admin', 'recruiter', 'hiring_manager', 'viewer'];

/**
 * The one authorization check for organisation resources. A non-member is told the resource does not exist
 * (no existence leak); a member without the role is told they may not.
 */
export function requireOrgRole(caller: Caller, organisationId: string, allowed: readonly OrgRole[]): Membership {
  const membership = caller.memberships.find((m) => m.organisation_id === organisationId);
  if (!membership) throw new NotFoundError('No such organisation.');
  if (!allowed.includes(membership.role)) {
    throw new ForbiddenError(`This needs one of the roles ${allowed.join(', ')} in the organisation.`);
  }
  return membership;
}
