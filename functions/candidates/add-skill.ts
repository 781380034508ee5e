import { NewSkillInput } from '../../shared/candidates/skills';
import { defineAddRecordFunction, SKILLS } from './candidate-record-functions';

export const addSkillFunction = defineAddRecordFunction(
  SKILLS,
  {
    name: 'add-skill',
    summary: 'Add a skill to your profile',
    description:
      'skill_type is hard or soft; proficiency_level beginner, intermediate, advanced or expert. A name you already list (in any letter case) is refused with 409. Needs a candidate profile.',
  },
  NewSkillInput,
);
