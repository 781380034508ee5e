import { NewEducationInput } from '../../shared/candidates/education';
import { defineAddRecordFunction, EDUCATION } from './candidate-record-functions';

export const addEducationFunction = defineAddRecordFunction(
  EDUCATION,
  {
    name: 'add-education',
    summary: 'Add a qualification to your education',
    description:
      'Dates are optional, YYYY-MM-DD; end_date is not before start_date, and a current course (is_current) has no end_date. Needs a candidate profile. Audited as education_added without the personal details.',
  },
  NewEducationInput,
);
