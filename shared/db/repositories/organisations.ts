import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../database';
import type { OrganisationsTable } from '../schema';
import { readJson, readTimestamp } from '../values';
import {
  normaliseValuesFramework,
  type OrganisationProfile,
  type VersionedOrganisation,
} from '../../domain/organisation-settings';
import type { OrgRole } from '../../domain/value-sets';
import { isOrganisationMember } from '../scoping';

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

/** The settings an admin may change; name_key follows name. */
export interface OrganisationChanges {
  name?: string;
  industry?: string | null;
  website?: string | null;
  logo_url?: string | null;
  description?: string | null;
  values_framework?: string[] | null;
  billing_email?: string | null;
  billing_address?: string | null;
  recording_retention_days?: number;
  transcript_retention_days?: number;
}

function toOrganisation(row: Selectable<OrganisationsTable>): VersionedOrganisation {
  return {
    id: row.id,
    name: row.name,
    industry: row.industry,
    website: row.website,
    logo_url: row.logo_url,
    description: row.description,
    values_framework: normaliseValuesFramework(readJson(row.values_framework)),
    billing_email: row.billing_email,
    billing_address: row.billing_address,
    recording_retention_days: row.recording_retention_days,
    transcript_retention_days: row.transcript_retention_days,
    created_by: row.created_by,
    created_at: readTimestamp(row.created_at),
    updated_at: readTimestamp(row.updated_at),
    version: row.version,
  };
}

export async function insertOrganisation(db: Db, organisation: NewOrganisation): Promise<VersionedOrganisation> {
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
export async function findOrganisationForMember(
  db: Db,
  organisationId: string,
  userId: string,
): Promise<VersionedOrganisation | null> {
  const row = await db
    .selectFrom('organisations')
    .selectAll('organisations')
    .where('organisations.id', '=', organisationId)
    .where(isOrganisationMember(userId))
    .executeTakeFirst();
  return row ? toOrganisation(row) : null;
}

/** The public profile of an organisation, only for a candidate who applied to one of its roles. */
export async function findOrganisationProfileForApplicant(
  db: Db,
  organisationId: string,
  userId: string,
): Promise<OrganisationProfile | null> {
  const row = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'industry', 'website', 'logo_url', 'description'])
    .where('organisations.id', '=', organisationId)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('applications')
          .innerJoin('job_roles', 'job_roles.id', 'applications.job_role_id')
          .select('applications.id')
          .whereRef('job_roles.organisation_id', '=', 'organisations.id')
          .where('applications.candidate_id', '=', userId),
      ),
    )
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Applies the changes if the row is still at the version the caller read; false when it is not (or is gone).
 * The version check is part of the update, so two writers based on the same version cannot both win.
 */
export async function updateOrganisation(
  db: Db,
  organisationId: string,
  expectedVersion: number,
  changes: OrganisationChanges,
  now: Date,
): Promise<boolean> {
  const { values_framework, ...columns } = changes;
  const result = await db
    .updateTable('organisations')
    .set((eb) => ({
      ...columns,
      ...(columns.name === undefined ? {} : { name_key: organisationNameKey(columns.name) }),
      ...(values_framework === undefined
        ? {}
        : { values_framework: values_framework === null ? null : JSON.stringify(values_framework) }),
      updated_at: now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', organisationId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
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
