import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { requireOrganisationAccount } from '../auth/account-type';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import { appendAudit } from '../db/repositories/audit-log';
import { insertMembership, insertOrganisation } from '../db/repositories/organisations';
import type { VersionedOrganisation } from '../domain/organisation-settings';
import { ConflictError } from '../errors';
import { organisationFields } from './organisation-fields';

const orNull = <T extends z.ZodType>(field: T) => field.nullish().transform((v) => v ?? null);

/** The original create-organisation body, now with lengths and formats checked. */
export const CreateOrganisationInput = z
  .strictObject({
    name: organisationFields.name,
    industry: orNull(organisationFields.industry),
    website: orNull(organisationFields.website),
    description: orNull(organisationFields.description),
    billing_email: orNull(organisationFields.billing_email),
  })
  .meta({ id: 'CreateOrganisationRequest' });

export type CreateOrganisationInput = z.infer<typeof CreateOrganisationInput>;

/**
 * Creates the organisation, makes the caller its admin and records it in the audit log, all in one
 * transaction: a failure at any step leaves nothing behind. Only organisation accounts may (see account-type.ts).
 */
export async function createOrganisation(
  db: Db,
  caller: Caller,
  input: CreateOrganisationInput,
  context: { ipAddress: string },
): Promise<VersionedOrganisation> {
  const now = new Date();
  try {
    return await db.transaction().execute(async (trx) => {
      await requireOrganisationAccount(trx, caller);
      const organisation = await insertOrganisation(trx, {
        id: randomUUID(),
        name: input.name,
        industry: input.industry,
        website: input.website,
        description: input.description,
        billing_email: input.billing_email,
        created_by: caller.user.id,
        created_at: now,
      });
      await insertMembership(trx, {
        id: randomUUID(),
        organisation_id: organisation.id,
        user_id: caller.user.id,
        role: 'admin',
        created_at: now,
      });
      await appendAudit(
        trx,
        {
          user_id: caller.user.id,
          organisation_id: organisation.id,
          action: 'organisation_created',
          entity_type: 'organisation',
          entity_id: organisation.id,
          new_values: { name: organisation.name, industry: organisation.industry },
          ip_address: context.ipAddress,
        },
        now,
      );
      return organisation;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError(`You have already created an organisation named "${input.name}".`);
    }
    throw error;
  }
}
