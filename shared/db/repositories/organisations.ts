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
