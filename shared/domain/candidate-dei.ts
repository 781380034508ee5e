import { z } from 'zod';

/** Diversity data a candidate may volunteer. Only the candidate ever reads their own row. */
export const DEI_FIELDS = ['gender', 'ethnicity', 'disability_status', 'veteran_status'] as const;
export type DeiField = (typeof DEI_FIELDS)[number];

/** No group smaller than this is reported to an organisation, alone or by subtraction. */
export const DEI_MINIMUM_GROUP_SIZE = 5;

export type CandidateDeiFields = Record<DeiField, string | null>;

export interface CandidateDei extends CandidateDeiFields {
  id: string;
  user_id: string;
  created_at: string;
  version: number;
}

/** One field's counts among a job role's applicants, after small-group suppression. */
export interface DeiFieldSummary {
  /** Applicants who answered this field; null when fewer than the minimum group size did (nothing is reported). */
  respondents: number | null;
  groups: Array<{ value: string; count: number }>;
  /** Applicants in groups too small to report, folded together; 0 when none, null when nothing is reported. */
  suppressed_count: number | null;
}

export interface DeiSummary {
  job_role_id: string;
  minimum_group_size: number;
  fields: Record<DeiField, DeiFieldSummary>;
}

const timestamp = z.iso.datetime({ offset: false });

export const CandidateDeiSchema = z
  .object({
    id: z.uuid(),
    user_id: z.uuid(),
    gender: z.string().nullable(),
    ethnicity: z.string().nullable(),
    disability_status: z.string().nullable(),
    veteran_status: z.string().nullable(),
    created_at: timestamp,
    version: z.number().int(),
  })
  .meta({ id: 'CandidateDei' });

const DeiFieldSummarySchema = z
  .object({
    respondents: z.number().int().nullable(),
    groups: z.array(z.object({ value: z.string(), count: z.number().int() })),
    suppressed_count: z.number().int().nullable(),
  })
  .meta({ id: 'DeiFieldSummary' });

export const DeiSummarySchema = z
  .object({
    job_role_id: z.uuid(),
    minimum_group_size: z.number().int(),
    fields: z.object(Object.fromEntries(DEI_FIELDS.map((f) => [f, DeiFieldSummarySchema])) as Record<DeiField, typeof DeiFieldSummarySchema>),
  })
  .meta({ id: 'DeiSummary' });
