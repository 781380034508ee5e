import { randomUUID } from 'node:crypto';
import type { Db } from '../database';
import type { AuditEntry } from '../../domain/models';

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
