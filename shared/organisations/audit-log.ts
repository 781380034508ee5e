import { z } from 'zod';
import type { Caller } from '../auth/caller';
import { requireOrgRole } from '../auth/authorize';
import type { Db } from '../db/database';
import { decodeCursor, PageQuery, toPage, type Page } from '../db/pagination';
import { listAuditLog } from '../db/repositories/audit-log';
import type { AuditLogEntry } from '../domain/organisation-audit-log';

const instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v));

export const AuditLogQuery = z.strictObject({
  action: z.string().trim().min(1).max(100).optional().describe('Only this action, e.g. member_added.'),
  entity_type: z.string().trim().min(1).max(100).optional().describe('Only this entity type, e.g. org_user.'),
  user_id: z.uuid().optional().describe('Only changes made by this user.'),
  from: instant.optional().describe('From this instant (inclusive), ISO-8601 with a zone.'),
  to: instant.optional().describe('Before this instant (exclusive), ISO-8601 with a zone.'),
  ...PageQuery,
});
export type AuditLogQuery = z.infer<typeof AuditLogQuery>;

/** The organisation's audit trail for its admins, newest first. */
export async function listOrganisationAuditLog(
  db: Db,
  caller: Caller,
  organisationId: string,
  query: AuditLogQuery,
): Promise<Page<AuditLogEntry>> {
  requireOrgRole(caller, organisationId, ['admin']);
  const { limit, cursor, ...filter } = query;
  const rows = await listAuditLog(db, organisationId, filter, decodeCursor(cursor), limit + 1);
  return toPage(rows, limit, (entry) => ({ value: entry.created_at, id: entry.id }), (entry) => entry);
}
