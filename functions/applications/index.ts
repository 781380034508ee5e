import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { applyToJobRoleFunction } from './apply-to-job-role';
import { changeApplicationStatusFunction } from './change-application-status';
import { getApplicationFunction } from './get-application';
import { listCandidateApplicationsFunction } from './list-candidate-applications';
import { listRoleApplicationsFunction } from './list-role-applications';

export const applicationsFunctions: FunctionDefinition[] = [
  applyToJobRoleFunction,
  listRoleApplicationsFunction,
  listCandidateApplicationsFunction,
  getApplicationFunction,
  changeApplicationStatusFunction,
];
