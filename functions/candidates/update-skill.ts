import { SkillChangesInput } from '../../shared/candidates/skills';
import { defineUpdateRecordFunction, SKILLS } from './candidate-record-functions';

export const updateSkillFunction = defineUpdateRecordFunction(
  SKILLS,
  {
    name: 'update-skill',
    summary: 'Change a skill on your profile',
    description:
      'Only the fields sent change. Renaming to a name you already list is refused with 409. Send If-Match with the version you read.',
  },
  SkillChangesInput,
);
