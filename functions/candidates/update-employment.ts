import { EmploymentChangesInput } from '../../shared/candidates/employment';
import { defineUpdateRecordFunction, EMPLOYMENT } from './candidate-record-functions';

export const updateEmploymentFunction = defineUpdateRecordFunction(
  EMPLOYMENT,
  {
    name: 'update-employment',
    summary: 'Change a job in your employment history',
    description:
      'Only the fields sent change (null clears an optional one); the result must still satisfy the date rules. Send If-Match with the version you read (GET /api/candidate/profile gives it per entry).',
  },
  EmploymentChangesInput,
);
