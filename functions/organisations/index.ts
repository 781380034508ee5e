import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { createOrganisationFunction } from './create-organisation';
import { getOrganisationFunction } from './get-organisation';
import { updateOrganisationFunction } from './update-organisation';
import { listOrganisationMembersFunction } from './list-organisation-members';
import { addOrganisationMemberFunction } from './add-organisation-member';
import { changeOrganisationMemberRoleFunction } from './change-organisation-member-role';
import { removeOrganisationMemberFunction } from './remove-organisation-member';
import { listOrganisationAuditLogFunction } from './list-organisation-audit-log';
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
  getOrganisationDashboardFunction,
];
