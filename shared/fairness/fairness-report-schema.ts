import { z } from 'zod';
import { DEI_FIELDS } from '../domain/candidate-dei';
import { perStage } from './adverse-impact';

const rate = z.number().min(0);
const SelectionSchema = z
  .object({ selected: z.number().int(), selection_rate: rate, impact_ratio: rate.nullable(), below_four_fifths: z.boolean() })
  .meta({ id: 'FairnessSelection' });
const stages = z.object(perStage(() => SelectionSchema));

const GroupSchema = z
  .object({
    value: z.string(),
    kind: z.enum(['answer', 'prefer_not_to_say', 'missing']),
    applicants: z.number().int(),
    stages,
    scores: z.object({
      scored: z.number().int(),
      mean_ai_score: z.number().nullable(),
      standardised_difference: z.number().nullable(),
      overrides: z.number().int(),
      mean_override_change: z.number().nullable(),
      advanced_by_ai_score: SelectionSchema,
    }),
  })
  .meta({ id: 'FairnessGroup' });

export const FairnessReportSchema = z
  .object({
    organisation_id: z.uuid(),
    job_role_id: z.uuid().nullable(),
    from: z.iso.date(),
    to: z.iso.date(),
    top_n: z.number().int(),
    minimum_group_size: z.number().int(),
    four_fifths_threshold: z.number(),
    advance_score: z.number(),
    generated_at: z.iso.datetime(),
    applicants: z.number().int(),
    selected: z.object(perStage(() => z.number().int())),
    mean_ai_score: z.number().nullable(),
    ai_score_standard_deviation: z.number().nullable(),
    overrides: z.object({
      scored: z.number().int(),
      overridden: z.number().int(),
      override_rate: rate.nullable(),
      mean_change: z.number().nullable(),
      mean_absolute_change: z.number().nullable(),
    }),
    fields: z.array(
      z.object({
        field: z.enum(DEI_FIELDS),
        applicants: z.number().int().nullable(),
        groups: z.array(GroupSchema),
        suppressed_count: z.number().int().nullable(),
        overrides_change_flags: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'FairnessReport' });
