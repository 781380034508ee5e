import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { createDeletionRequestFunction } from '../candidates/deletion-requests-create';
import { listDeletionRequestsFunction } from '../candidates/deletion-requests-list';
import { createPracticeInterviewFunction } from '../candidates/practice-interviews-create';
import { listPracticeInterviewsFunction } from '../candidates/practice-interviews-list';
import { addOrganisationMemberFunction } from './add-organisation-member';
import { changeOrganisationMemberRoleFunction } from './change-organisation-member-role';
import { createOrganisationFunction } from './create-organisation';
import { getOrganisationFunction } from './get-organisation';
import { listOrganisationAuditLogFunction } from './list-organisation-audit-log';
import { listOrganisationDeletionRequestsFunction } from './list-organisation-deletion-requests';
import { listOrganisationMembersFunction } from './list-organisation-members';
import { removeOrganisationMemberFunction } from './remove-organisation-member';
import { updateOrganisationFunction } from './update-organisation';

/** Organisations, members and audit log; also the candidate's practice interviews and deletion requests. */
export const organisationFunctions: FunctionDefinition[] = [
  createOrganisationFunction as FunctionDefinition,
  getOrganisationFunction as FunctionDefinition,
  updateOrganisationFunction as FunctionDefinition,
  listOrganisationMembersFunction as FunctionDefinition,
  addOrganisationMemberFunction as FunctionDefinition,
  changeOrganisationMemberRoleFunction as FunctionDefinition,
  removeOrganisationMemberFunction as FunctionDefinition,
  listOrganisationAuditLogFunction as FunctionDefinition,
  listOrganisationDeletionRequestsFunction as FunctionDefinition,
  listPracticeInterviewsFunction as FunctionDefinition,
  createPracticeInterviewFunction as FunctionDefinition,
  listDeletionRequestsFunction as FunctionDefinition,
  createDeletionRequestFunction as FunctionDefinition,
];
