import { NewEmploymentInput } from '../../shared/candidates/employment';
import { defineAddRecordFunction, EMPLOYMENT } from './candidate-record-functions';

export const addEmploymentFunction = defineAddRecordFunction(
  EMPLOYMENT,
  {
    name: 'add-employment',
    summary: 'Add a job to your employment history',
    description:
      'Dates are YYYY-MM-DD; end_date is not before start_date, and a current job (is_current) has no end_date. Needs a candidate profile. Audited as employment_added without the personal details.',
  },
  NewEmploymentInput,
);
