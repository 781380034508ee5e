import { z } from 'zod';
import { multiLineText, singleLineText } from '../validation';

/** Field rules shared by creating and updating an organisation: trimmed, bounded; blank text means none. */
const text = (max: number, kind = singleLineText) =>
  kind()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v));

const httpUrl = singleLineText().check(z.url({ protocol: /^https?$/ })).max(2048);

const valueList = z.array(singleLineText().trim().min(1).max(100)).max(20);

export const organisationFields = {
  name: singleLineText({ error: 'Organisation name is required' }).trim().min(1, 'Organisation name is required').max(200),
  industry: text(100),
  website: httpUrl,
  logo_url: httpUrl,
  description: text(4000, multiLineText),
  billing_email: z.email().max(320),
  billing_address: text(500, multiLineText),
  /** Up to 20 short values; the original `{values: [...]}` form is accepted and stored as the list. */
  values_framework: z.union([valueList, z.strictObject({ values: valueList }).transform((v) => v.values)]),
  recording_retention_days: z.number().int().min(30).max(365),
  transcript_retention_days: z.number().int().min(30).max(365),
};
