import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { changeJobRoleStatusFunction } from './change-job-role-status';
import { createJobRoleFunction } from './create-job-role';
import { deleteJobRoleFunction } from './delete-job-role';
import { getJobRoleFunction } from './get-job-role';
import { listJobRolesFunction } from './list-job-roles';
import { updateJobRoleFunction } from './update-job-role';

export const jobRolesFunctions: FunctionDefinition[] = [
  createJobRoleFunction as FunctionDefinition,
  listJobRolesFunction as FunctionDefinition,
  getJobRoleFunction as FunctionDefinition,
  updateJobRoleFunction as FunctionDefinition,
  changeJobRoleStatusFunction as FunctionDefinition,
  deleteJobRoleFunction as FunctionDefinition,
];
