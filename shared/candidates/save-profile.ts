import { randomUUID } from 'node:crypto';
import { diffForAudit } from '../audit/audit-changes';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import { appendAudit } from '../db/repositories/audit-log';
import { findProfileByUser, insertProfile, setProfilePausedAt, updateProfile } from '../db/repositories/candidate-profiles';
import type { CandidateProfile, CandidateProfileFields, VisibilitySettings } from '../domain/candidate-profile';
import { DEFAULT_VISIBILITY_SETTINGS } from '../domain/value-sets';
import { NotFoundError } from '../errors';
import { z } from 'zod';
import type { AuditContext } from './audit-context';
import type { CandidateProfileInput } from './profile-input';
import { putIntent, staleVersion } from './replace-or-create';

/** Recorded in the audit log only as "(changed)". */
const PERSONAL_FIELDS: ReadonlyArray<keyof CandidateProfileFields> = [
  'first_name', 'last_name', 'email', 'phone', 'suburb', 'postcode', 'state', 'country', 'work_rights', 'gpa_wam',
  'portfolio_url', 'linkedin_url',
];

/** Settings, not data a resume parse could fill in. */
const SETTINGS_FIELDS: ReadonlyArray<keyof CandidateProfileFields> = ['profile_visibility', 'visibility_settings'];

/** A profile with nothing filled in: what PUT starts from, so fields left out are cleared or defaulted. */
const EMPTY_PROFILE: CandidateProfileFields = {
  first_name: null, last_name: null, email: null, phone: null, suburb: null, postcode: null, state: null,
  country: 'Australia', work_rights: null, availability: null, work_mode: null, gpa_wam: null, portfolio_url: null,
  linkedin_url: null, profile_visibility: 'visible', visibility_settings: { ...DEFAULT_VISIBILITY_SETTINGS },
};

function fieldsOf(profile: CandidateProfile): CandidateProfileFields {
  const fields = {} as Record<keyof CandidateProfileFields, unknown>;
  for (const key of Object.keys(EMPTY_PROFILE) as Array<keyof CandidateProfileFields>) fields[key] = profile[key];
  return fields as CandidateProfileFields;
}

/** The fields the request sent; visibility sections it left out keep those of `baseSettings`. */
function sentFields(input: CandidateProfileInput, baseSettings: VisibilitySettings): Partial<CandidateProfileFields> {
  const { visibility_settings, ...rest } = input;
  const sent = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Partial<CandidateProfileFields>;
  if (visibility_settings === undefined) return sent;
  const settings = { ...baseSettings };
  for (const [section, flag] of Object.entries(visibility_settings) as Array<[keyof VisibilitySettings, boolean | undefined]>) {
    if (flag !== undefined) settings[section] = flag;
  }
  return { ...sent, visibility_settings: settings };
}

function manualFieldsAfter(previous: string[], changed: string[]): string[] {
  const data = changed.filter((f) => !SETTINGS_FIELDS.includes(f as keyof CandidateProfileFields));
  return [...new Set([...previous, ...data])].sort();
}

async function reread(db: Db, userId: string): Promise<CandidateProfile> {
  const profile = await findProfileByUser(db, userId);
  if (!profile) throw new NotFoundError('You have no candidate profile.');
  return profile;
}

async function createProfile(db: Db, caller: Caller, fields: CandidateProfileFields, context: AuditContext, now: Date): Promise<CandidateProfile> {
  const diff = diffForAudit(EMPTY_PROFILE, fields, PERSONAL_FIELDS);
  const id = randomUUID();
  await insertProfile(db, {
    ...fields,
    id,
    user_id: caller.user.id,
    created_at: now,
    manual_fields: manualFieldsAfter([], Object.keys(diff?.new_values ?? {})),
  });
  await appendAudit(
    db,
    {
      user_id: caller.user.id,
      organisation_id: null,
      action: 'candidate_profile_created',
      entity_type: 'candidate_profile',
      entity_id: id,
      new_values: diff?.new_values ?? null,
      ip_address: context.ipAddress,
    },
    now,
  );
  return reread(db, caller.user.id);
}

/** Writes the changes over `existing` if it is still at its version; nothing is written (not even a version) when nothing changed. */
async function changeProfile(
  db: Db,
  caller: Caller,
  existing: CandidateProfile,
  changes: Partial<CandidateProfileFields>,
  context: AuditContext,
  now: Date,
): Promise<CandidateProfile> {
  const diff = diffForAudit(fieldsOf(existing), changes, PERSONAL_FIELDS);
  if (!diff) return existing;
  const manual_fields = manualFieldsAfter(existing.manual_fields, Object.keys(diff.new_values));
  if (!(await updateProfile(db, caller.user.id, existing.version, { ...changes, manual_fields }, now))) throw staleVersion('profile');
  await appendAudit(
    db,
    {
      user_id: caller.user.id,
      organisation_id: null,
      action: 'candidate_profile_updated',
      entity_type: 'candidate_profile',
      entity_id: existing.id,
      old_values: diff.old_values,
      new_values: diff.new_values,
      ip_address: context.ipAddress,
    },
    now,
  );
  return reread(db, caller.user.id);
}

/**
 * PUT: creates the caller's profile (no If-Match) or replaces it (If-Match): fields left out are cleared or go back
 * to their defaults. CV metadata is the resume upload's and is never touched here.
 */
export async function putProfile(
  db: Db,
  caller: Caller,
  ifMatchVersion: number | null,
  input: CandidateProfileInput,
  context: AuditContext,
): Promise<{ profile: CandidateProfile; created: boolean }> {
  const now = new Date();
  const fields = { ...EMPTY_PROFILE, ...sentFields(input, EMPTY_PROFILE.visibility_settings) };
  try {
    return await db.transaction().execute(async (trx) => {
      const existing = await findProfileByUser(trx, caller.user.id);
      const intent = putIntent(existing, ifMatchVersion, 'profile');
      if (intent.kind === 'create') return { profile: await createProfile(trx, caller, fields, context, now), created: true };
      return { profile: await changeProfile(trx, caller, intent.existing, fields, context, now), created: false };
    });
  } catch (error) {
    // Two first PUTs at once: the other one created the profile, so this one's "nothing exists yet" no longer holds.
    if (isUniqueViolation(error)) throw staleVersion('profile');
    throw error;
  }
}

/** PATCH: changes only the fields sent; visibility sections left out keep their setting. */
export async function patchProfile(
  db: Db,
  caller: Caller,
  version: number,
  input: CandidateProfileInput,
  context: AuditContext,
): Promise<CandidateProfile> {
  const now = new Date();
  return db.transaction().execute(async (trx) => {
    const existing = await findProfileByUser(trx, caller.user.id);
    if (!existing) throw new NotFoundError('You have no candidate profile yet; create it with PUT /api/candidate/profile.');
    if (existing.version !== version) throw staleVersion('profile');
    return changeProfile(trx, caller, existing, sentFields(input, existing.visibility_settings), context, now);
  });
}

export const PauseProfileInput = z
  .strictObject({ paused: z.boolean().describe('true pauses the profile (left out of shortlists), false resumes it.') })
  .meta({ id: 'PauseProfileRequest' });
export type PauseProfileInput = z.infer<typeof PauseProfileInput>;

/** Pauses or resumes the caller's profile; asking for the state it is already in changes nothing (not even the version). */
export async function pauseProfile(db: Db, caller: Caller, input: PauseProfileInput, context: AuditContext, now: Date): Promise<CandidateProfile> {
  return db.transaction().execute(async (trx) => {
    const existing = await findProfileByUser(trx, caller.user.id);
    if (!existing) throw new NotFoundError('You have no candidate profile yet; create it with PUT /api/candidate/profile.');
    if (!(await setProfilePausedAt(trx, caller.user.id, input.paused ? now : null, now))) return existing;
    await appendAudit(
      trx,
      {
        user_id: caller.user.id,
        organisation_id: null,
        action: input.paused ? 'candidate_profile_paused' : 'candidate_profile_resumed',
        entity_type: 'candidate_profile',
        entity_id: existing.id,
        ip_address: context.ipAddress,
      },
      now,
    );
    return reread(trx, caller.user.id);
  });
}
