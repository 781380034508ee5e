import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { createOrganisationFunction } from './create-organisation';
import { getOrganisationFunction } from './get-organisation';
import { updateOrganisationFunction } from './update-organisation';
import { listOrganisationMembersFunction } from './list-organisation-members';
import { addOrganisationMemberFunction } from './add-organisation-member';
import { changeOrganisationMemberRoleFunction } from './change-organisation-member-role';
import { removeOrganisationMemberFunction } from './remove-organisation-member';
import { listOrganisationAuditLogFunction } from './list-organisation-audit-log';
import { listMemberInvitationsFunction } from './list-member-invitations';
import { revokeMemberInvitationFunction } from './revoke-member-invitation';
import { listMyOrganisationInvitationsFunction } from './list-my-organisation-invitations';
import { acceptOrganisationInvitationFunction } from './accept-organisation-invitation';
import { getOrganisationDashboardFunction } from './get-organisation-dashboard';

export const organisationsFunctions: FunctionDefinition[] = [
  createOrganisationFunction,
  getOrganisationFunction,
  updateOrganisationFunction,
  listOrganisationMembersFunction,
  addOrganisationMemberFunction,
  changeOrganisationMemberRoleFunction,
  removeOrganisationMemberFunction,
  listOrganisationAuditLogFunction,
  listMemberInvitationsFunction,
  revokeMemberInvitationFunction,
  listMyOrganisationInvitationsFunction,
  acceptOrganisationInvitationFunction,
  getOrganisationDashboardFunction,
];
