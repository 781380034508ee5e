import { z } from 'zod';
import { findSkill, findSkillIdByName, insertSkill, updateCandidateRecord } from '../db/repositories/candidate-records';
import type { CandidateSkill, SkillFields } from '../domain/candidate-records';
import { PROFICIENCY_LEVELS, SKILL_TYPES } from '../domain/value-sets';
import { ConflictError } from '../errors';
import type { RecordKind } from './candidate-records';
import { singleLineText } from '../validation';

const fields = {
  skill_name: singleLineText().trim().min(1, 'Skill name is required').max(100),
  skill_type: z.enum(SKILL_TYPES),
  proficiency_level: z.enum(PROFICIENCY_LEVELS).nullable(),
};

export const NewSkillInput = z
  .strictObject({ ...fields, proficiency_level: fields.proficiency_level.optional() })
  .transform((input): SkillFields => ({ proficiency_level: null, ...input }))
  .meta({ id: 'NewSkillRequest' });

export const SkillChangesInput = z.strictObject(fields).partial().meta({ id: 'SkillChangesRequest' });

export const skillKind: RecordKind<CandidateSkill, SkillFields> = {
  name: 'skill',
  table: 'candidate_skills',
  entityType: 'candidate_skill',
  maxPerCandidate: 100,
  personalFields: ['skill_name'],
  fieldsOf: ({ skill_name, skill_type, proficiency_level }) => ({ skill_name, skill_type, proficiency_level }),
  find: findSkill,
  insert: insertSkill,
  update: (db, userId, id, version, changes) => updateCandidateRecord(db, 'candidate_skills', userId, id, version, changes),
  // "TypeScript" and "typescript" are one skill.
  check: async (db, userId, skill, id) => {
    if (await findSkillIdByName(db, userId, skill.skill_name, id)) {
      throw new ConflictError(`Your profile already lists the skill "${skill.skill_name}".`);
    }
  },
};
