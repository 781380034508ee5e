import { EducationChangesInput } from '../../shared/candidates/education';
import { defineUpdateRecordFunction, EDUCATION } from './candidate-record-functions';

export const updateEducationFunction = defineUpdateRecordFunction(
  EDUCATION,
  {
    name: 'update-education',
    summary: 'Change a qualification in your education',
    description:
      'Only the fields sent change (null clears an optional one); the result must still satisfy the date rules. Send If-Match with the version you read.',
  },
  EducationChangesInput,
);
