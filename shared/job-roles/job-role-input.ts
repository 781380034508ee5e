import { z } from 'zod';
import {
  InterviewStructureSchema,
  JobRoleRequirementsSchema,
  ScoringRubricSchema,
} from '../domain/job-role-schemas';
import { EMPLOYMENT_TYPES, WORK_TYPES } from '../domain/value-sets';
import { ValidationError } from '../errors';
import { multiLineText, singleLineText } from '../validation';

/** Free text: trimmed, bounded; blank means none. Absent leaves a field as it is, null clears it. */
const text = (max: number, kind = singleLineText) =>
  kind()
    .trim()
    .max(max)
    .transform((v) => v || null)
    .nullable()
    .optional();

const title = singleLineText({ error: 'A title is required' }).trim().min(1, 'A title is required').max(200);
const salary = z.number().int().min(0).max(100_000_000).nullable().optional();

const editableFields = {
  department: text(100),
  industry: text(100),
  work_type: z.enum(WORK_TYPES).nullable().optional(),
  location: text(200),
  salary_range_min: salary,
  salary_range_max: salary,
  employment_type: z.enum(EMPLOYMENT_TYPES).nullable().optional(),
  description: text(20_000, multiLineText),
  requirements: JobRoleRequirementsSchema.nullable().optional(),
  interview_structure: InterviewStructureSchema.nullable().optional(),
  scoring_rubric: ScoringRubricSchema.nullable().optional(),
};

export const CreateJobRoleInput = z.strictObject({ title, ...editableFields }).meta({ id: 'CreateJobRoleRequest' });
export type CreateJobRoleInput = z.infer<typeof CreateJobRoleInput>;

export const UpdateJobRoleInput = z
  .strictObject({ title: title.optional(), ...editableFields })
  .refine((input) => Object.values(input).some((value) => value !== undefined), 'Send at least one field to change.')
  .meta({ id: 'UpdateJobRoleRequest', description: 'Only the fields sent change; null clears a field.' });
export type UpdateJobRoleInput = z.infer<typeof UpdateJobRoleInput>;

/** The salary range is checked on the role as it will be, since an update may send only one end of it. */
export function assertSalaryRange(min: number | null, max: number | null): void {
  if (min !== null && max !== null && min > max) {
    throw new ValidationError('The salary range is invalid.', [
      { path: 'salary_range_min', message: 'The minimum salary cannot be above the maximum.' },
    ]);
  }
}
