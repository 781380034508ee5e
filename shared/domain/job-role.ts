import type { EMPLOYMENT_TYPES, JOB_ROLE_STATUSES, WORK_TYPES } from './value-sets';

export type JobRoleStatus = (typeof JOB_ROLE_STATUSES)[number];
export type WorkType = (typeof WORK_TYPES)[number];
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];

/** The interview dimensions a scoring rubric may weight (the scorer's default set). */
export const SCORING_DIMENSIONS = [
  'vocabulary',
  'domain_knowledge',
  'technical_skills',
  'experience_depth',
  'communication',
  'culture_fit',
  'motivation',
  'confidence',
] as const;
export type ScoringDimension = (typeof SCORING_DIMENSIONS)[number];

/** Field names as the original client and extract-requirements wrote them (interviewQuestions included). */
export interface JobRoleRequirements {
  skills: string[];
  experience: string[];
  qualifications: string[];
  responsibilities: string[];
  interviewQuestions: string[];
}

export interface InterviewStructure {
  questions: string[];
  duration_minutes: number;
}

export type ScoringRubric = Partial<Record<ScoringDimension, { weight: number; label: string }>>;

/** A job role as its organisation's members see it. */
export interface JobRole {
  id: string;
  organisation_id: string;
  title: string;
  department: string | null;
  industry: string | null;
  work_type: WorkType | null;
  location: string | null;
  salary_range_min: number | null;
  salary_range_max: number | null;
  employment_type: EmploymentType | null;
  description: string | null;
  requirements: JobRoleRequirements | null;
  interview_structure: InterviewStructure | null;
  scoring_rubric: ScoringRubric | null;
  status: JobRoleStatus;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** What any signed-in user sees of an active role of an organisation they do not belong to: the advertisement. */
export interface PublicJobRole {
  id: string;
  organisation_id: string;
  organisation_name: string | null;
  title: string;
  department: string | null;
  industry: string | null;
  work_type: WorkType | null;
  location: string | null;
  salary_range_min: number | null;
  salary_range_max: number | null;
  employment_type: EmploymentType | null;
  description: string | null;
  requirements: Omit<JobRoleRequirements, 'interviewQuestions'> | null;
  status: JobRoleStatus;
  created_at: string;
}
