import { z } from 'zod';

/** One row of the audit trail as an organisation's admins read it. */
export interface AuditLogEntry {
  id: string;
  user_id: string | null;
  organisation_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  old_values: Record<string, unknown> | null;
  new_values: Record<string, unknown> | null;
  ip_address: string | null;
  created_at: string;
}

export const AuditLogEntrySchema = z
  .object({
    id: z.uuid(),
    user_id: z.uuid().nullable().describe('Who made the change.'),
    organisation_id: z.uuid().nullable(),
    action: z.string(),
    entity_type: z.string(),
    entity_id: z.uuid().nullable(),
    old_values: z.record(z.string(), z.unknown()).nullable().describe('Changed fields before; personal data only as "(changed)".'),
    new_values: z.record(z.string(), z.unknown()).nullable().describe('Changed fields after; personal data only as "(changed)".'),
    ip_address: z.string().nullable(),
    created_at: z.iso.datetime({ offset: false }),
  })
  .meta({ id: 'AuditLogEntry' });
