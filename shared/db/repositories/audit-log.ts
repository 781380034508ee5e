import { randomUUID } from 'node:crypto';
import type { Db } from '../database';
import { firstRows } from '../dialect';
import { olderThan, type CursorPosition } from '../pagination';
import { readJson, readTimestamp } from '../values';
import type { AuditEntry } from '../../domain/models';
import type { AuditLogEntry } from '../../domain/organisation-audit-log';

/** Appends one audit row; call it inside the transaction of the change it records. */
export async function appendAudit(db: Db, entry: AuditEntry, now = new Date()): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: randomUUID(),
      user_id: entry.user_id,
      organisation_id: entry.organisation_id,
      action: entry.action,
      entity_type: entry.entity_type,
      entity_id: entry.entity_id,
      old_values: entry.old_values ? JSON.stringify(entry.old_values) : null,
      new_values: entry.new_values ? JSON.stringify(entry.new_values) : null,
      ip_address: entry.ip_address ?? null,
      created_at: now,
    })
    .execute();
}

export interface AuditLogFilter {
  action?: string;
  entity_type?: string;
  user_id?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

/** One organisation's audit rows, newest first; `limit` rows after the cursor. */
export async function listAuditLog(
  db: Db,
  organisationId: string,
  filter: AuditLogFilter,
  after: CursorPosition | null,
  limit: number,
): Promise<AuditLogEntry[]> {
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc');
  if (filter.action !== undefined) query = query.where('action', '=', filter.action);
  if (filter.entity_type !== undefined) query = query.where('entity_type', '=', filter.entity_type);
  if (filter.user_id !== undefined) query = query.where('user_id', '=', filter.user_id);
  if (filter.from !== undefined) query = query.where('created_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('created_at', '<', filter.to);
  if (after) {
    query = query.where(olderThan('created_at', 'id', { at: new Date(String(after.value)), id: after.id }));
  }
  const rows = await firstRows(db, query, limit).execute();
  return rows.map((row) => ({
    id: row.id,
    user_id: row.user_id,
    organisation_id: row.organisation_id,
    action: row.action,
    entity_type: row.entity_type,
    entity_id: row.entity_id,
    old_values: readJson<Record<string, unknown>>(row.old_values),
    new_values: readJson<Record<string, unknown>>(row.new_values),
    ip_address: row.ip_address,
    created_at: readTimestamp(row.created_at),
  }));
}
