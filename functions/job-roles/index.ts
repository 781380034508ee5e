import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { createJobRoleFunction } from './create-job-role';
import { listJobRolesFunction } from './list-job-roles';
import { getJobRoleFunction } from './get-job-role';
import { updateJobRoleFunction } from './update-job-role';
import { changeJobRoleStatusFunction } from './change-job-role-status';
import { deleteJobRoleFunction } from './delete-job-role';
import { extractRequirementsFunction } from './extract-requirements';

export const jobRolesFunctions: FunctionDefinition[] = [
  createJobRoleFunction,
  listJobRolesFunction,
  getJobRoleFunction,
  updateJobRoleFunction,
  changeJobRoleStatusFunction,
  deleteJobRoleFunction,
  extractRequirementsFunction,
];
