import { z } from 'zod';
import { SCORING_DIMENSIONS } from './job-role';
import { EMPLOYMENT_TYPES, JOB_ROLE_STATUSES, WORK_TYPES } from './value-sets';
import { singleLineText } from '../validation';

/** The JSON documents of a job role, validated the same way on input and described by them in OpenAPI. */
const timestamp = z.iso.datetime({ offset: false });
const item = (maxLength: number) => singleLineText().trim().min(1).max(maxLength);
const items = (maxItems: number, maxLength: number) => z.array(item(maxLength)).max(maxItems).default([]);

export const JobRoleRequirementsSchema = z.strictObject({
  skills: items(50, 200),
  experience: items(30, 500),
  qualifications: items(30, 500),
  responsibilities: items(30, 500),
  interviewQuestions: items(15, 1000),
});

export const InterviewStructureSchema = z.strictObject({
  questions: z.array(item(1000)).min(1).max(15),
  duration_minutes: z.number().int().min(5).max(60),
});

/** Weights are fractions of the overall score, so together they must make 1. */
const WEIGHT_TOLERANCE = 0.001;

export const ScoringRubricSchema = z
  .partialRecord(
    z.enum(SCORING_DIMENSIONS),
    z.strictObject({ weight: z.number().min(0).max(1), label: singleLineText().trim().min(1).max(100) }),
  )
  .superRefine((rubric, context) => {
    const weights = Object.values(rubric).map((dimension) => dimension?.weight ?? 0);
    if (weights.length === 0) {
      context.addIssue({ code: 'custom', message: 'A rubric weights at least one dimension.' });
      return;
    }
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    if (Math.abs(total - 1) > WEIGHT_TOLERANCE) {
      context.addIssue({ code: 'custom', message: `The weights must sum to 1; they sum to ${Number(total.toFixed(4))}.` });
    }
  })
  .describe(`Weight (0..1) and label per dimension, dimensions from: ${SCORING_DIMENSIONS.join(', ')}.`);

const roleFields = {
  id: z.uuid(),
  organisation_id: z.uuid(),
  title: z.string(),
  department: z.string().nullable(),
  industry: z.string().nullable(),
  work_type: z.enum(WORK_TYPES).nullable(),
  location: z.string().nullable(),
  salary_range_min: z.number().int().nullable(),
  salary_range_max: z.number().int().nullable(),
  employment_type: z.enum(EMPLOYMENT_TYPES).nullable(),
  description: z.string().nullable(),
  status: z.enum(JOB_ROLE_STATUSES),
  created_at: timestamp,
};

export const JobRoleSchema = z
  .object({
    ...roleFields,
    requirements: JobRoleRequirementsSchema.nullable(),
    interview_structure: InterviewStructureSchema.nullable(),
    scoring_rubric: ScoringRubricSchema.nullable(),
    created_by: z.uuid().nullable(),
    updated_at: timestamp,
    version: z.number().int().describe('The row version; send it as If-Match (the ETag) to update.'),
  })
  .meta({ id: 'JobRole' });

export const PublicJobRoleSchema = z
  .object({
    ...roleFields,
    organisation_name: z.string().nullable(),
    requirements: JobRoleRequirementsSchema.omit({ interviewQuestions: true }).nullable(),
  })
  .meta({ id: 'PublicJobRole', description: 'An active role as people outside its organisation see it.' });

export const JobRoleResponseSchema = z.object({ job_role: JobRoleSchema }).meta({ id: 'JobRoleResponse' });
