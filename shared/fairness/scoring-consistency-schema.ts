import { z } from 'zod';
import { SCORE_BANDS } from './scoring-consistency-types';

const band = z.enum(SCORE_BANDS);
const score = z.number().min(0).max(100);

const ResultSchema = z
  .object({
    interview_id: z.uuid(),
    outcome: z.enum(['compared', 'failed']),
    original_score: score.nullable(),
    rescored_score: score.nullable(),
    original_band: band,
    rescored_band: band.nullable(),
    band_changed: z.boolean(),
    absolute_difference: z.number().min(0).nullable(),
    model_version: z.string().nullable(),
    error: z.string().nullable().describe('Why the model gave no usable answer (outcome failed).'),
  })
  .meta({ id: 'ScoringConsistencyResult' });

export const ScoringConsistencyReportSchema = z
  .object({
    id: z.uuid(),
    organisation_id: z.uuid(),
    job_role_id: z.uuid().nullable(),
    requested_by: z.uuid().nullable(),
    sample_size: z.number().int(),
    eligible: z.number().int().describe('Scored interviews scored with the role’s current rubric: what the sample is drawn from.'),
    rubric_changed: z.number().int().describe('Scored interviews left out: scored with another or an unknown rubric.'),
    compared: z.number().int(),
    failed: z.number().int(),
    band_changed: z.number().int(),
    band_change_rate: z.number().min(0).max(1).nullable(),
    mean_absolute_difference: z.number().min(0).nullable(),
    bands: z.object({ medium_from: z.number(), high_from: z.number() }),
    created_at: z.iso.datetime(),
    results: z.array(ResultSchema),
  })
  .meta({ id: 'ScoringConsistencyReport' });
