import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { api, tokenFor, uniqueEmail } from '../support/api';

/** Candidates made through the API, with applications and roles written straight into the suite's database. */

export interface Candidate {
  token: string;
  userId: string;
  etag: string;
}

export const PROFILE = {
  first_name: 'Mia',
  last_name: 'Nguyen',
  email: 'mia.nguyen@example.com',
  phone: '0412 345 678',
  suburb: 'Fitzroy',
  postcode: '3065',
  state: 'VIC',
  work_rights: 'citizen',
  availability: '2_weeks',
  work_mode: 'hybrid',
  gpa_wam: 78.5,
  portfolio_url: 'https://mia.example.au',
  linkedin_url: 'https://www.linkedin.com/in/mia-nguyen',
} as const;

export async function signIn(prefix = 'candidate'): Promise<{ token: string; userId: string }> {
  const token = await tokenFor(uniqueEmail(prefix));
  const me = await api<{ user: { id: string } }>('/api/me', { token });
  if (me.status !== 200) throw new Error(`sign-in failed: ${me.status} ${me.text}`);
  return { token, userId: me.body.user.id };
}

/** A signed-in candidate with a profile made by PUT. */
export async function newCandidate(profile: Record<string, unknown> = PROFILE): Promise<Candidate> {
  const { token, userId } = await signIn();
  const created = await api('/api/candidate/profile', { method: 'PUT', token, json: profile });
  if (created.status !== 201) throw new Error(`profile creation failed: ${created.status} ${created.text}`);
  return { token, userId, etag: created.headers.get('etag') ?? '' };
}

export function insertRole(db: Database.Database, organisationId: string, title = `Role ${randomUUID().slice(0, 6)}`): string {
  const id = randomUUID();
  const at = new Date().toISOString();
  db.prepare(`insert into job_roles (id, organisation_id, title, status, created_at, updated_at) values (?, ?, ?, 'active', ?, ?)`).run(id, organisationId, title, at, at);
  return id;
}

export function apply(db: Database.Database, candidateId: string, roleId: string): string {
  const id = randomUUID();
  const at = new Date().toISOString();
  db.prepare(`insert into applications (id, candidate_id, job_role_id, status, created_at, updated_at) values (?, ?, ?, 'applied', ?, ?)`).run(id, candidateId, roleId, at, at);
  return id;
}

export interface AuditRow {
  user_id: string | null;
  organisation_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  old_values: string | null;
  new_values: string | null;
}

export function auditRows(db: Database.Database, userId: string, action: string): AuditRow[] {
  return db.prepare('select * from audit_log where user_id = ? and action = ? order by created_at, id').all(userId, action) as AuditRow[];
}
