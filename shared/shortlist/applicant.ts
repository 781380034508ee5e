import { DEFAULT_VISIBILITY_SETTINGS } from '../domain/value-sets';

export interface ApplicantSkill {
  skill_name: string;
  proficiency_level: string | null;
}

export interface ApplicantEmployment {
  job_title: string;
  /** YYYY-MM-DD */
  start_date: string;
  end_date: string | null;
  is_current: boolean;
  description: string | null;
}

/**
 * An applicant as the shortlist sees them: what staff of the organisation may see of the profile, nothing of
 * DEI, names or contact details. Sections the candidate hides are empty or null, as if never written.
 */
export interface Applicant {
  application_id: string;
  candidate_id: string;
  /** `hidden` when the candidate hid or deactivated the whole profile, `none` before they wrote one: all below is then empty. */
  profile: 'shown' | 'hidden' | 'none';
  work_mode: string | null;
  availability: string | null;
  work_rights: string | null;
  suburb: string | null;
  state: string | null;
  location_shown: boolean;
  skills: ApplicantSkill[];
  skills_shown: boolean;
  /** Newest first. */
  employment: ApplicantEmployment[];
  employment_shown: boolean;
}

/** An applicant the model will read about: with the terms to scrub from their free text first. */
export interface ApplicantForModel extends Applicant {
  /** Names, contact details and employers: only ever used to scrub free text before a model reads it. */
  identifying_terms: string[];
}

/** An applicant as the database holds them, before the candidate's visibility settings are applied. */
export interface StoredApplicant {
  application_id: string;
  candidate_id: string;
  profile: {
    profile_visibility: string;
    visibility_settings: Record<string, unknown> | null;
    work_mode: string | null;
    availability: string | null;
    work_rights: string | null;
    suburb: string | null;
    state: string | null;
    first_name: string | null;
    last_name: string | null;
    email: string | null;
    phone: string | null;
  } | null;
  account: { email: string | null; display_name: string | null };
  skills: ApplicantSkill[];
  employment: Array<ApplicantEmployment & { company_name: string }>;
}

/** The profile sections a candidate may hide from staff; work rights, availability and work mode are never hidden. */
export const PROFILE_SECTIONS = ['skills', 'employment', 'location'] as const;
export type ProfileSection = (typeof PROFILE_SECTIONS)[number];

type StoredProfile = Pick<NonNullable<StoredApplicant['profile']>, 'profile_visibility' | 'visibility_settings'>;

function sectionShown(settings: Record<string, unknown> | null, section: ProfileSection): boolean {
  const flag = settings?.[section];
  return typeof flag === 'boolean' ? flag : DEFAULT_VISIBILITY_SETTINGS[section];
}

/** The sections staff may see: none when the profile is missing or not `visible`. */
export function shownSections(profile: StoredProfile | null): ProfileSection[] {
  if (profile?.profile_visibility !== 'visible') return [];
  return PROFILE_SECTIONS.filter((section) => sectionShown(profile.visibility_settings, section));
}

/**
 * Applies the candidate's visibility settings, as the staff profile view does: a profile that is not `visible`
 * shows nothing, a hidden section is left out. Work rights, availability and work mode are always shown.
 */
export function toApplicant(stored: StoredApplicant): Applicant {
  const profile = stored.profile?.profile_visibility === 'visible' ? stored.profile : null;
  const sections = shownSections(stored.profile);
  const shown = (section: ProfileSection) => sections.includes(section);
  return {
    application_id: stored.application_id,
    candidate_id: stored.candidate_id,
    profile: profile !== null ? 'shown' : stored.profile ? 'hidden' : 'none',
    work_mode: profile?.work_mode ?? null,
    availability: profile?.availability ?? null,
    work_rights: profile?.work_rights ?? null,
    suburb: shown('location') ? (profile?.suburb ?? null) : null,
    state: shown('location') ? (profile?.state ?? null) : null,
    location_shown: shown('location'),
    skills: shown('skills') ? stored.skills : [],
    skills_shown: shown('skills'),
    employment: shown('employment') ? stored.employment.map(({ company_name: _employer, ...job }) => job) : [],
    employment_shown: shown('employment'),
  };
}

/** The applicant with their names, contact details and employers, worked out only for the few the model sees. */
export function toApplicantForModel(stored: StoredApplicant): ApplicantForModel {
  const identifying = [
    stored.profile?.first_name,
    stored.profile?.last_name,
    stored.profile?.email,
    stored.profile?.phone,
    stored.account.email,
    ...(stored.account.display_name?.split(/\s+/) ?? []),
    ...stored.employment.map((job) => job.company_name),
  ];
  return {
    ...toApplicant(stored),
    identifying_terms: [...new Set(identifying.filter((t): t is string => typeof t === 'string' && t.trim().length >= 2).map((t) => t.trim()))],
  };
}
