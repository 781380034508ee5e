import { defineRemoveRecordFunction, EDUCATION } from './candidate-record-functions';

export const removeEducationFunction = defineRemoveRecordFunction(EDUCATION, {
  name: 'remove-education',
  summary: 'Remove a qualification from your education',
  description: 'Deletes the entry; audited as education_removed.',
});
