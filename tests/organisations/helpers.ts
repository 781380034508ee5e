import { randomUUID } from 'node:crypto';
import { api, createOrganisation, openDatabase, tokenFor, uniqueEmail } from '../support/api';

/** Helpers for the organisation and privacy suites: users through the API, rows the API has no endpoint for yet. */
export interface SignedIn {
  token: string;
  userId: string;
  email: string;
}

export async function signIn(prefix = 'user'): Promise<SignedIn> {
  const email = uniqueEmail(prefix);
  const token = await tokenFor(email);
  const me = await api<{ user: { id: string } }>('/api/me', { token });
  if (me.status !== 200) throw new Error(`sign-in failed: ${me.status} ${me.text}`);
  return { token, userId: me.body.user.id, email };
}

export async function organisationWithAdmin(): Promise<{ admin: SignedIn; organisationId: string }> {
  const admin = await signIn('admin');
  const organisation = await createOrganisation(admin.token);
  return { admin, organisationId: organisation.id };
}

/** Runs statements against the suite's SQLite file and closes it. */
export function withDb<T>(work: (db: ReturnType<typeof openDatabase>) => T): T {
  const db = openDatabase();
  try {
    return work(db);
  } finally {
    db.close();
  }
}

export function addMembership(organisationId: string, userId: string, role: string): void {
  withDb((db) =>
    db
      .prepare('insert into org_users (id, organisation_id, user_id, role, created_at) values (?, ?, ?, ?, ?)')
      .run(randomUUID(), organisationId, userId, role, new Date().toISOString()),
  );
}

/** A job role of the organisation and an application of the candidate to it. */
export function applyTo(organisationId: string, candidateId: string): void {
  const now = new Date().toISOString();
  const roleId = randomUUID();
  withDb((db) => {
    db.prepare(`insert into job_roles (id, organisation_id, title, status, created_at, updated_at) values (?, ?, 'Role', 'active', ?, ?)`).run(
      roleId, organisationId, now, now,
    );
    db.prepare('insert into applications (id, candidate_id, job_role_id, created_at, updated_at) values (?, ?, ?, ?, ?)').run(
      randomUUID(), candidateId, roleId, now, now,
    );
  });
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

export function auditRowsFor(entityId: string): AuditRow[] {
  return withDb((db) => db.prepare('select * from audit_log where entity_id = ? order by created_at').all(entityId) as AuditRow[]);
}

/** Lets the clock move on, so rows written one after another get distinct timestamps and a defined order. */
export function nextMillisecond(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 3));
}
