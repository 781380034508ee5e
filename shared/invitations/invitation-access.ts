import { requireOrgRole } from '../auth/authorize';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { findApplicationForCaller, type ApplicationWithRole } from '../db/repositories/applications';
import { findInvitationForUser, type InvitationAccess } from '../db/repositories/invitations';
import type { OrgRole } from '../domain/value-sets';
import { ForbiddenError, NotFoundError } from '../errors';

/**
 * Invitations are the organisation's business: its members with the role get in; the application's candidate is
 * told they may not (they know the application exists); anyone else is told there is nothing there.
 */
function requireStaff(caller: Caller, organisationId: string, roles: readonly OrgRole[], what: string): void {
  if (!caller.memberships.some((m) => m.organisation_id === organisationId)) {
    throw new ForbiddenError(`Only the hiring organisation manages ${what}.`);
  }
  requireOrgRole(caller, organisationId, roles);
}

export async function loadApplicationForStaff(db: Db, caller: Caller, applicationId: string, roles: readonly OrgRole[]): Promise<ApplicationWithRole> {
  const application = await findApplicationForCaller(db, applicationId, caller.user.id);
  if (!application) throw new NotFoundError('No such application.');
  requireStaff(caller, application.organisation_id, roles, 'invitations');
  return application;
}

export async function loadInvitationForStaff(db: Db, caller: Caller, invitationId: string, roles: readonly OrgRole[]): Promise<InvitationAccess> {
  const access = await findInvitationForUser(db, invitationId, caller.user.id);
  if (!access) throw new NotFoundError('No such invitation.');
  requireStaff(caller, access.organisation_id, roles, 'invitations');
  return access;
}
