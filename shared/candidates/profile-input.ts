import { z } from 'zod';
import { AU_STATES, VISIBILITY_SECTIONS, type VisibilitySection } from '../domain/candidate-profile';
import { PROFILE_VISIBILITIES, WORK_TYPES } from '../domain/value-sets';
import { singleLineText } from '../validation';

/** Optional text: trimmed, bounded; blank or null clears the field. */
export const optionalText = (max: number, kind = singleLineText) =>
  kind()
    .trim()
    .max(max)
    .nullable()
    .transform((v) => (v ? v : null));

const httpsUrl = singleLineText().check(z.url({ protocol: /^https$/, error: 'An https:// address' })).max(2048).nullable();

const AU_PHONE = /^\+?[0-9 ()-]+$/;

/** A number written the Australian ways: 0412 345 678, (02) 9876 5432, +61 412 345 678. */
const phone = z
  .string()
  .trim()
  .max(20)
  .regex(AU_PHONE, 'A phone number of digits, spaces, brackets, hyphens and an optional leading +')
  .refine((v) => {
    const digits = v.replace(/\D/g, '').length;
    return digits >= 8 && digits <= 15;
  }, 'A phone number has 8 to 15 digits')
  .nullable();

/** GPA (0 to 7) or WAM (0 to 100), with at most two decimals. */
const gpaWam = z
  .number()
  .min(0)
  .max(100)
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, 'At most two decimals')
  .nullable();

const visibilitySettings = z
  .strictObject(
    Object.fromEntries(VISIBILITY_SECTIONS.map((s) => [s, z.boolean().optional()])) as Record<
      VisibilitySection,
      z.ZodOptional<z.ZodBoolean>
    >,
  )
  .describe('Sections staff of organisations you applied to may see. Sections left out keep their current setting.');

/**
 * The fields a candidate writes. Every field is optional: PATCH changes only the fields sent, PUT replaces the
 * profile (fields left out go back to empty or their default). null or "" clears a field.
 */
export const CandidateProfileInput = z
  .strictObject({
    first_name: optionalText(100).optional(),
    last_name: optionalText(100).optional(),
    email: z.email().max(320).nullable().optional(),
    phone: phone.optional(),
    suburb: optionalText(100).optional(),
    postcode: z.string().regex(/^\d{4}$/, 'A four-digit postcode').nullable().optional(),
    state: z.enum(AU_STATES).nullable().optional(),
    country: optionalText(100).optional(),
    work_rights: optionalText(50).optional(),
    availability: optionalText(50).optional(),
    work_mode: z.enum(WORK_TYPES).nullable().optional(),
    gpa_wam: gpaWam.optional(),
    portfolio_url: httpsUrl.optional(),
    linkedin_url: httpsUrl.optional(),
    profile_visibility: z.enum(PROFILE_VISIBILITIES).optional(),
    visibility_settings: visibilitySettings.optional(),
  })
  .meta({ id: 'CandidateProfileRequest' });

export type CandidateProfileInput = z.infer<typeof CandidateProfileInput>;
