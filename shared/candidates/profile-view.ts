import { z } from 'zod';
import { ANY_ORG_ROLE, requireOrgRole } from '../auth/authorize';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { appendAudit } from '../db/repositories/audit-log';
import { findProfileForStaff, type StaffScope } from '../db/repositories/candidate-profiles';
import { listEducation, listEmployment, listSkills } from '../db/repositories/candidate-records';
import { VISIBILITY_SECTIONS, type CandidateProfile, type VisibilitySection } from '../domain/candidate-profile';
import {
  CandidateSkillSchema,
  EducationSchema,
  EmploymentSchema,
  type CandidateSkill,
  type Education,
  type Employment,
} from '../domain/candidate-records';
import { NotFoundError } from '../errors';
import type { AuditContext } from './audit-context';

/** Profile fields each visibility section shows; the lists (employment, education, skills) are sections of their own. */
const SECTION_FIELDS = {
  name: ['first_name', 'last_name'],
  location: ['suburb', 'state', 'postcode', 'country'],
  education: ['gpa_wam'],
  email: ['email'],
  phone: ['phone'],
  linkedin: ['linkedin_url'],
  portfolio: ['portfolio_url'],
} as const satisfies Partial<Record<VisibilitySection, ReadonlyArray<keyof CandidateProfile>>>;

/** Shown whatever the settings: what any applicant tells the organisation about their availability. */
const ALWAYS_SHOWN = ['work_rights', 'availability', 'work_mode', 'updated_at'] as const satisfies ReadonlyArray<keyof CandidateProfile>;

const RECORD_INTERNALS = { user_id: true, source: true, version: true } as const;
const StaffEmploymentSchema = EmploymentSchema.omit(RECORD_INTERNALS).meta({ id: 'CandidateEmploymentView' });
const StaffEducationSchema = EducationSchema.omit(RECORD_INTERNALS).meta({ id: 'CandidateEducationView' });
const StaffSkillSchema = CandidateSkillSchema.omit(RECORD_INTERNALS).meta({ id: 'CandidateSkillView' });

/** What staff see. A section the candidate hides is absent from the JSON, not null. */
export const CandidateProfileViewSchema = z
  .object({
    candidate_id: z.uuid(),
    first_name: z.string().nullable().optional(),
    last_name: z.string().nullable().optional(),
    suburb: z.string().nullable().optional(),
    state: z.string().nullable().optional(),
    postcode: z.string().nullable().optional(),
    country: z.string().nullable().optional(),
    email: z.string().nullable().optional(),
    phone: z.string().nullable().optional(),
    linkedin_url: z.string().nullable().optional(),
    portfolio_url: z.string().nullable().optional(),
    gpa_wam: z.number().nullable().optional(),
    work_rights: z.string().nullable(),
    availability: z.string().nullable(),
    work_mode: z.string().nullable(),
    updated_at: z.iso.datetime({ offset: false }),
    employment: z.array(StaffEmploymentSchema).optional(),
    education: z.array(StaffEducationSchema).optional(),
    skills: z.array(StaffSkillSchema).optional(),
  })
  .meta({ id: 'CandidateProfileView' });

export type CandidateProfileView = z.infer<typeof CandidateProfileViewSchema>;

function withoutInternals(record: Employment | Education | CandidateSkill): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !(key in RECORD_INTERNALS)));
}

function project(
  profile: CandidateProfile,
  shown: ReadonlySet<VisibilitySection>,
  lists: { employment?: Employment[]; education?: Education[]; skills?: CandidateSkill[] },
): CandidateProfileView {
  const view: Record<string, unknown> = { candidate_id: profile.user_id };
  for (const field of ALWAYS_SHOWN) view[field] = profile[field];
  for (const [section, fields] of Object.entries(SECTION_FIELDS) as Array<[VisibilitySection, ReadonlyArray<keyof CandidateProfile>]>) {
    if (shown.has(section)) for (const field of fields) view[field] = profile[field];
  }
  if (lists.employment) view.employment = lists.employment.map(withoutInternals);
  if (lists.education) view.education = lists.education.map(withoutInternals);
  if (lists.skills) view.skills = lists.skills.map(withoutInternals);
  return view as CandidateProfileView;
}

/**
 * A candidate's profile as a member of an organisation they applied to may see it: only the sections the
 * candidate shows (hidden ones are not even loaded), never DEI answers, settings or CV storage paths. A hidden or
 * deactivated profile, or a candidate who did not apply to the organisation, is not found. Every view is audited.
 */
export async function viewCandidateProfile(
  db: Db,
  caller: Caller,
  candidateId: string,
  organisationId: string,
  context: AuditContext,
): Promise<CandidateProfileView> {
  requireOrgRole(caller, organisationId, ANY_ORG_ROLE);
  const scope: StaffScope = { organisationId, staffUserId: caller.user.id };
  const profile = await findProfileForStaff(db, candidateId, scope);
  if (!profile) throw new NotFoundError('No such candidate among your organisation’s applicants.');
  const shown = new Set(VISIBILITY_SECTIONS.filter((section) => profile.visibility_settings[section]));
  const [employment, education, skills] = await Promise.all([
    shown.has('employment') ? listEmployment(db, candidateId, scope) : undefined,
    shown.has('education') ? listEducation(db, candidateId, scope) : undefined,
    shown.has('skills') ? listSkills(db, candidateId, scope) : undefined,
  ]);
  await appendAudit(db, {
    user_id: caller.user.id,
    organisation_id: organisationId,
    action: 'candidate_profile_viewed',
    entity_type: 'candidate_profile',
    entity_id: profile.id,
    new_values: { sections: [...shown] },
    ip_address: context.ipAddress,
  });
  return project(profile, shown, { employment, education, skills });
}
