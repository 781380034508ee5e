import { defineRemoveRecordFunction, SKILLS } from './candidate-record-functions';

export const removeSkillFunction = defineRemoveRecordFunction(SKILLS, {
  name: 'remove-skill',
  summary: 'Remove a skill from your profile',
  description: 'Deletes the skill; audited as skill_removed.',
});
