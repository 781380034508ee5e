import type { OrgRole } from './value-sets';

/** Domain types: the same names as the tables and the API. Timestamps are ISO-8601 UTC strings. */

export interface User {
  id: string;
  email: string | null;
  display_name: string | null;
  created_at: string;
  last_sign_in_at: string;
}

export interface Membership {
  organisation_id: string;
  organisation_name: string;
  role: OrgRole;
  joined_at: string;
}

export interface Organisation {
  id: string;
  name: string;
  industry: string | null;
  website: string | null;
  logo_url: string | null;
  description: string | null;
  values_framework: unknown;
  billing_email: string | null;
  billing_address: string | null;
  recording_retention_days: number;
  transcript_retention_days: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface AuditEntry {
  user_id: string | null;
  organisation_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  old_values?: Record<string, unknown> | null;
  new_values?: Record<string, unknown> | null;
  ip_address?: string | null;
}
