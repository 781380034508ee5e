import { z } from 'zod';
import { diffForAudit } from '../audit/audit-changes';
import type { Caller } from '../auth/caller';
import { requireOrgRole } from '../auth/authorize';
import type { Db } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import { appendAudit } from '../db/repositories/audit-log';
import {
  findOrganisationForMember,
  findOrganisationProfileForApplicant,
  updateOrganisation as updateOrganisationRow,
} from '../db/repositories/organisations';
import type { OrganisationProfile, VersionedOrganisation } from '../domain/organisation-settings';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../errors';
import { organisationFields as f } from './organisation-fields';

/** Every field optional; null (or blank text) clears a field. */
export const UpdateOrganisationInput = z
  .strictObject({
    name: f.name.optional(),
    industry: f.industry.nullable().optional(),
    website: f.website.nullable().optional(),
    logo_url: f.logo_url.nullable().optional(),
    description: f.description.nullable().optional(),
    values_framework: f.values_framework.nullable().optional(),
    billing_email: f.billing_email.nullable().optional(),
    billing_address: f.billing_address.nullable().optional(),
    recording_retention_days: f.recording_retention_days.optional(),
    transcript_retention_days: f.transcript_retention_days.optional(),
  })
  .refine((input) => Object.values(input).some((v) => v !== undefined), 'Send at least one field to change.')
  .meta({ id: 'UpdateOrganisationRequest' });

export type UpdateOrganisationInput = z.infer<typeof UpdateOrganisationInput>;

/** Billing contacts may name a person: the audit log records only that they changed. */
const PERSONAL_FIELDS = ['billing_email', 'billing_address'] as const;

const NO_SUCH_ORGANISATION = 'No such organisation.';
const STALE = 'The organisation changed since you read it; read it again and reapply your change.';

/** Which view of the organisation the caller gets, as the other resources with two audiences say it. */
export type OrganisationView =
  | { audience: 'staff'; organisation: VersionedOrganisation }
  | { audience: 'candidate'; organisation: OrganisationProfile };

/**
 * Members read the whole organisation. A candidate who applied to one of its roles reads its public profile,
 * as the original row rules allowed; anyone else is told it does not exist.
 */
export async function getOrganisation(db: Db, caller: Caller, organisationId: string): Promise<OrganisationView> {
  const organisation = await findOrganisationForMember(db, organisationId, caller.user.id);
  if (organisation) return { audience: 'staff', organisation };
  const profile = await findOrganisationProfileForApplicant(db, organisationId, caller.user.id);
  if (!profile) throw new NotFoundError(NO_SUCH_ORGANISATION);
  return { audience: 'candidate', organisation: profile };
}

/** Admins change the profile, values and retention; the version read must still be current. */
export async function updateOrganisation(
  db: Db,
  caller: Caller,
  organisationId: string,
  expectedVersion: number,
  input: UpdateOrganisationInput,
  context: { ipAddress: string },
): Promise<VersionedOrganisation> {
  requireOrgRole(caller, organisationId, ['admin']);
  const now = new Date();
  try {
    return await db.transaction().execute(async (trx) => {
      const before = await findOrganisationForMember(trx, organisationId, caller.user.id);
      if (!before) throw new NotFoundError(NO_SUCH_ORGANISATION);
      if (before.version !== expectedVersion) throw new PreconditionFailedError(STALE);
      if (!(await updateOrganisationRow(trx, organisationId, expectedVersion, input, now))) {
        throw new PreconditionFailedError(STALE);
      }
      const after = await findOrganisationForMember(trx, organisationId, caller.user.id);
      if (!after) throw new NotFoundError(NO_SUCH_ORGANISATION);
      const diff = diffForAudit(before, input, PERSONAL_FIELDS);
      await appendAudit(
        trx,
        {
          user_id: caller.user.id,
          organisation_id: organisationId,
          action: 'organisation_updated',
          entity_type: 'organisation',
          entity_id: organisationId,
          old_values: diff?.old_values ?? null,
          new_values: diff?.new_values ?? null,
          ip_address: context.ipAddress,
        },
        now,
      );
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError(`The organisation's creator already has an organisation named "${input.name ?? ''}".`);
    }
    throw error;
  }
}
