import { randomUUID } from 'node:crypto';
import { api, createOrganisation, openDatabase, tokenFor, uniqueEmail, type ApiResponse } from '../support/api';

/** An organisation with one member per role, plus an outsider who is an admin elsewhere; made fresh per test file. */
export interface StaffWorld {
  organisationId: string;
  tokens: { admin: string; recruiter: string; hiringManager: string; viewer: string; otherOrgAdmin: string };
  userIds: { admin: string; recruiter: string; hiringManager: string; viewer: string };
}

export interface JobRoleBody {
  id: string;
  organisation_id: string;
  title: string;
  status: string;
  version: number;
  [field: string]: unknown;
}

export async function userIdOf(token: string): Promise<string> {
  const me = await api<{ user: { id: string } }>('/api/me', { token });
  if (me.status !== 200) throw new Error(`me failed: ${me.status} ${me.text}`);
  return me.body.user.id;
}

export async function staffWorld(): Promise<StaffWorld> {
  const admin = await tokenFor(uniqueEmail('admin'));
  const organisationId = (await createOrganisation(admin)).id;
  const otherOrgAdmin = await tokenFor(uniqueEmail('other-admin'));
  await createOrganisation(otherOrgAdmin);
  const members = { recruiter: 'recruiter', hiringManager: 'hiring_manager', viewer: 'viewer' } as const;
  const tokens = { admin, otherOrgAdmin } as StaffWorld['tokens'];
  const userIds = { admin: await userIdOf(admin) } as StaffWorld['userIds'];
  const db = openDatabase();
  try {
    for (const [persona, role] of Object.entries(members) as Array<[keyof typeof members, string]>) {
      tokens[persona] = await tokenFor(uniqueEmail(persona));
      userIds[persona] = await userIdOf(tokens[persona]);
      db.prepare('insert into org_users (id, user_id, organisation_id, role, created_at) values (?, ?, ?, ?, ?)').run(
        randomUUID(), userIds[persona], organisationId, role, new Date().toISOString(),
      );
    }
  } finally {
    db.close();
  }
  return { organisationId, tokens, userIds };
}

export async function createRole(token: string, organisationId: string, fields: Record<string, unknown> = {}): Promise<JobRoleBody> {
  const response = await api<{ job_role: JobRoleBody }>(`/api/organisations/${organisationId}/job-roles`, {
    method: 'POST',
    token,
    json: { title: `Role ${randomUUID().slice(0, 8)}`, description: 'Builds things.', ...fields },
  });
  if (response.status !== 201) throw new Error(`create-job-role failed: ${response.status} ${response.text}`);
  return response.body.job_role;
}

export function changeRoleStatus(token: string, role: { id: string; version: number }, status: string) {
  return api<{ job_role: JobRoleBody }>(`/api/job-roles/${role.id}/status`, {
    method: 'POST',
    token,
    json: { status },
    headers: { 'if-match': `"${role.version}"` },
  });
}

/** A role candidates can apply to. */
export async function createActiveRole(world: StaffWorld, fields: Record<string, unknown> = {}): Promise<JobRoleBody> {
  const draft = await createRole(world.tokens.recruiter, world.organisationId, fields);
  const response = await changeRoleStatus(world.tokens.recruiter, draft, 'active');
  if (response.status !== 200) throw new Error(`activation failed: ${response.status} ${response.text}`);
  return response.body.job_role;
}

export interface AuditRow {
  user_id: string | null;
  organisation_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  old_values: Record<string, unknown> | null;
  new_values: Record<string, unknown> | null;
}

export function auditRowsFor(entityId: string): AuditRow[] {
  const db = openDatabase();
  try {
    const rows = db.prepare('select * from audit_log where entity_id = ? order by created_at, rowid').all(entityId) as Array<Record<string, string | null>>;
    return rows.map((row) => ({
      user_id: row.user_id ?? null,
      organisation_id: row.organisation_id ?? null,
      action: row.action as string,
      entity_type: row.entity_type as string,
      entity_id: row.entity_id as string,
      old_values: row.old_values ? (JSON.parse(row.old_values) as Record<string, unknown>) : null,
      new_values: row.new_values ? (JSON.parse(row.new_values) as Record<string, unknown>) : null,
    }));
  } finally {
    db.close();
  }
}

export function fieldPaths(response: ApiResponse): string[] {
  const errors = (response.body as { errors?: Array<{ path: string }> }).errors ?? [];
  return errors.map((e) => e.path);
}
