import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../database';
import type { OrganisationsTable } from '../schema';
import { readJson, readTimestamp } from '../values';
import type { Organisation } from '../../domain/models';
import type { OrgRole } from '../../domain/value-sets';

export interface NewOrganisation {
  id: string;
  name: string;
  industry: string | null;
  website: string | null;
  description: string | null;
  billing_email: string | null;
  created_by: string;
  created_at: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function organisationNameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

function toOrganisation(row: Selectable<OrganisationsTable>): Organisation {
  return {
    id: row.id,
    name: row.name,
    industry: row.industry,
    website: row.website,
    logo_url: row.logo_url,
    description: row.description,
    values_framework: readJson(row.values_framework),
    billing_email: row.billing_email,
    billing_address: row.billing_address,
    recording_retention_days: row.recording_retention_days,
    created_by: row.created_by,
    created_at: readTimestamp(row.created_at),
    updated_at: readTimestamp(row.updated_at),
  };
}

export async function insertOrganisation(db: Db, organisation: NewOrganisation): Promise<Organisation> {
  const row = {
    ...organisation,
    name_key: organisationNameKey(organisation.name),
    updated_at: organisation.created_at,
  };
  await db.insertInto('organisations').values(row).execute();
  const stored = await db.selectFrom('organisations').selectAll().where('id', '=', organisation.id).executeTakeFirstOrThrow();
  return toOrganisation(stored);
}

export async function insertMembership(
  db: Db,
  membership: { id: string; organisation_id: string; user_id: string; role: OrgRole; created_at: Date },
): Promise<void> {
  await db.insertInto('org_users').values(membership).execute();
}

/** Reads one organisation, scoped in the query to organisations the user belongs to. */
export async function findOrganisationForMember(db: Db, organisationId: string, userId: string): Promise<Organisation | null> {
  const row = await db
    .selectFrom('organisations')
    .selectAll('organisations')
    .where('organisations.id', '=', organisationId)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('org_users')
          .select('org_users.id')
          .whereRef('org_users.organisation_id', '=', 'organisations.id')
          .where('org_users.user_id', '=', userId),
      ),
    )
    .executeTakeFirst();
  return row ? toOrganisation(row) : null;
}

/** Finds an organisation by id or by name (case-insensitive); the oldest wins when names repeat. */
export async function findOrganisationIdByIdOrName(db: Db, reference: string): Promise<string | null> {
  const row = await db
    .selectFrom('organisations')
    .select('id')
    // Azure SQL refuses to compare a uniqueidentifier with text that is not a GUID, so only GUIDs are tried as ids.
    .where((eb) =>
      UUID.test(reference)
        ? eb.or([eb('id', '=', reference.toLowerCase()), eb('name_key', '=', organisationNameKey(reference))])
        : eb('name_key', '=', organisationNameKey(reference)),
    )
    .orderBy('created_at')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Makes the user a member with this role, or changes the role of an existing membership. */
export async function setMembershipRole(
  db: Db,
  membership: { organisation_id: string; user_id: string; role: OrgRole },
): Promise<void> {
  const updated = await db
    .updateTable('org_users')
    .set({ role: membership.role })
    .where('organisation_id', '=', membership.organisation_id)
    .where('user_id', '=', membership.user_id)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    await insertMembership(db, { id: randomUUID(), ...membership, created_at: new Date() });
  }
}
