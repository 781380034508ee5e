import { defineRemoveRecordFunction, EMPLOYMENT } from './candidate-record-functions';

export const removeEmploymentFunction = defineRemoveRecordFunction(EMPLOYMENT, {
  name: 'remove-employment',
  summary: 'Remove a job from your employment history',
  description: 'Deletes the entry; audited as employment_removed.',
});
