import { z } from 'zod';
import { PROFICIENCY_LEVELS, SKILL_TYPES } from './value-sets';

/** A candidate's employment, education and skill rows: the lists that hang off their profile. */

export type SkillType = (typeof SKILL_TYPES)[number];
export type ProficiencyLevel = (typeof PROFICIENCY_LEVELS)[number];

export interface EmploymentFields {
  job_title: string;
  company_name: string;
  start_date: string;
  end_date: string | null;
  is_current: boolean;
  description: string | null;
}

export interface EducationFields {
  institution: string;
  degree: string;
  field_of_study: string | null;
  start_date: string | null;
  end_date: string | null;
  is_current: boolean;
}

export interface SkillFields {
  skill_name: string;
  skill_type: SkillType;
  proficiency_level: ProficiencyLevel | null;
}

interface CandidateRecord {
  id: string;
  user_id: string;
  /** `manual` for rows the candidate wrote or edited; a resume parse marks the rows it adds. */
  source: string;
  created_at: string;
  version: number;
}

export type Employment = CandidateRecord & EmploymentFields;
export type Education = CandidateRecord & EducationFields;
export type CandidateSkill = CandidateRecord & SkillFields;

const timestamp = z.iso.datetime({ offset: false });
const date = z.iso.date();
const recordColumns = { id: z.uuid(), user_id: z.uuid(), source: z.string(), created_at: timestamp, version: z.number().int() };

export const EmploymentSchema = z
  .object({
    ...recordColumns,
    job_title: z.string(),
    company_name: z.string(),
    start_date: date,
    end_date: date.nullable(),
    is_current: z.boolean(),
    description: z.string().nullable(),
  })
  .meta({ id: 'Employment' });

export const EducationSchema = z
  .object({
    ...recordColumns,
    institution: z.string(),
    degree: z.string(),
    field_of_study: z.string().nullable(),
    start_date: date.nullable(),
    end_date: date.nullable(),
    is_current: z.boolean(),
  })
  .meta({ id: 'Education' });

export const CandidateSkillSchema = z
  .object({
    ...recordColumns,
    skill_name: z.string(),
    skill_type: z.enum(SKILL_TYPES),
    proficiency_level: z.enum(PROFICIENCY_LEVELS).nullable(),
  })
  .meta({ id: 'CandidateSkill' });
