import { z } from 'zod';
import { PROFILE_VISIBILITIES, WORK_TYPES } from './value-sets';

/** Australian states and territories, as postal abbreviations. */
export const AU_STATES = ['NSW', 'VIC', 'QLD', 'WA', 'SA', 'TAS', 'ACT', 'NT'] as const;

/** The parts of a profile a candidate may show to or hide from staff of organisations they applied to. */
export const VISIBILITY_SECTIONS = [
  'name', 'location', 'education', 'employment', 'skills', 'portfolio', 'linkedin', 'email', 'phone',
] as const;
export type VisibilitySection = (typeof VISIBILITY_SECTIONS)[number];
export type VisibilitySettings = Record<VisibilitySection, boolean>;

export type ProfileVisibility = (typeof PROFILE_VISIBILITIES)[number];
export type WorkMode = (typeof WORK_TYPES)[number];

/** A candidate's own profile row. cv_file_path and cv_uploaded_at are set by the resume upload only. */
export interface CandidateProfile {
  id: string;
  user_id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  suburb: string | null;
  postcode: string | null;
  state: string | null;
  country: string | null;
  work_rights: string | null;
  availability: string | null;
  work_mode: WorkMode | null;
  gpa_wam: number | null;
  portfolio_url: string | null;
  linkedin_url: string | null;
  cv_file_path: string | null;
  cv_uploaded_at: string | null;
  profile_visibility: ProfileVisibility;
  visibility_settings: VisibilitySettings;
  paused_at: string | null;
  /** Fields the candidate set by hand; a resume parse leaves them alone. */
  manual_fields: string[];
  created_at: string;
  updated_at: string;
  version: number;
}

/** The fields a candidate writes (everything but ids, CV metadata, timestamps and the version). */
export type CandidateProfileFields = Omit<
  CandidateProfile,
  'id' | 'user_id' | 'cv_file_path' | 'cv_uploaded_at' | 'paused_at' | 'manual_fields' | 'created_at' | 'updated_at' | 'version'
>;

const timestamp = z.iso.datetime({ offset: false });

export const VisibilitySettingsSchema = z
  .object(Object.fromEntries(VISIBILITY_SECTIONS.map((s) => [s, z.boolean()])) as Record<VisibilitySection, z.ZodBoolean>)
  .meta({ id: 'VisibilitySettings' });

export const CandidateProfileSchema = z
  .object({
    id: z.uuid(),
    user_id: z.uuid(),
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    suburb: z.string().nullable(),
    postcode: z.string().nullable(),
    state: z.string().nullable(),
    country: z.string().nullable(),
    work_rights: z.string().nullable(),
    availability: z.string().nullable(),
    work_mode: z.enum(WORK_TYPES).nullable(),
    gpa_wam: z.number().nullable(),
    portfolio_url: z.string().nullable(),
    linkedin_url: z.string().nullable(),
    cv_file_path: z.string().nullable(),
    cv_uploaded_at: timestamp.nullable(),
    profile_visibility: z.enum(PROFILE_VISIBILITIES),
    visibility_settings: VisibilitySettingsSchema,
    paused_at: timestamp.nullable(),
    manual_fields: z.array(z.string()).describe('Fields the candidate set by hand; a resume parse does not overwrite them.'),
    created_at: timestamp,
    updated_at: timestamp,
    version: z.number().int(),
  })
  .meta({ id: 'CandidateProfile' });
