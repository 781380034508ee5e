import { randomUUID } from 'node:crypto';
import { api, expectProblem } from '../support/api';
import { auditRowsFor, changeRoleStatus, createActiveRole, createRole, staffWorld, type JobRoleBody, type StaffWorld } from './staff-world';

let world: StaffWorld;
beforeAll(async () => {
  world = await staffWorld();
});

async function moveThrough(role: JobRoleBody, statuses: string[]): Promise<JobRoleBody> {
  let current = role;
  for (const status of statuses) {
    const response = await changeRoleStatus(world.tokens.recruiter, current, status);
    if (response.status !== 200) throw new Error(`${current.status} → ${status}: ${response.status} ${response.text}`);
    current = response.body.job_role;
  }
  return current;
}

describe('POST /api/job-roles/{roleId}/status', () => {
  it('activates a draft, answers the new ETag and audits the change', async () => {
    const role = await createRole(world.tokens.recruiter, world.organisationId);
    const response = await changeRoleStatus(world.tokens.hiringManager, role, 'active');
    expect(response.status).toBe(200);
    expect(response.body.job_role).toMatchObject({ status: 'active', version: 2 });
    expect(response.headers.get('etag')).toBe('"2"');
    expect(auditRowsFor(role.id).at(-1)).toMatchObject({
      action: 'role_status_changed',
      entity_type: 'job_role',
      user_id: world.userIds.hiringManager,
      old_values: { status: 'draft' },
      new_values: { status: 'active' },
    });
  });

  it('follows draft → active → paused → active → closed', async () => {
    const role = await moveThrough(await createRole(world.tokens.recruiter, world.organisationId), ['active', 'paused', 'active', 'closed']);
    expect(role).toMatchObject({ status: 'closed', version: 5 });
  });

  it.each([
    ['draft', 'closed', []],
    ['paused', 'closed', ['active', 'paused']],
  ])('allows %s → %s', async (_from, to, path) => {
    const role = await moveThrough(await createRole(world.tokens.recruiter, world.organisationId), path);
    expect((await changeRoleStatus(world.tokens.recruiter, role, to)).status).toBe(200);
  });

  it.each([
    ['draft', 'paused', [], 'active, closed'],
    ['draft', 'draft', [], 'active, closed'],
    ['active', 'draft', ['active'], 'paused, closed'],
    ['paused', 'draft', ['active', 'paused'], 'active, closed'],
    ['closed', 'active', ['closed'], 'closed is final'],
  ])('refuses %s → %s with 409 naming what is allowed', async (from, to, path, allowed) => {
    const role = await moveThrough(await createRole(world.tokens.recruiter, world.organisationId), path);
    expect(role.status).toBe(from);
    const problem = expectProblem(await changeRoleStatus(world.tokens.recruiter, role, to), 409);
    expect(problem.detail).toContain(allowed);
    expect(auditRowsFor(role.id).filter((row) => row.action === 'role_status_changed')).toHaveLength(path.length);
  });

  it('refuses to activate a role without a description', async () => {
    const role = await createRole(world.tokens.recruiter, world.organisationId, { description: null });
    const problem = expectProblem(await changeRoleStatus(world.tokens.recruiter, role, 'active'), 409);
    expect(problem.detail).toMatch(/description/);
  });

  it('answers 428 without If-Match, 412 for a stale one, 400 for an unknown status', async () => {
    const role = await createRole(world.tokens.recruiter, world.organisationId);
    expectProblem(await api(`/api/job-roles/${role.id}/status`, { method: 'POST', token: world.tokens.recruiter, json: { status: 'active' } }), 428);
    await changeRoleStatus(world.tokens.recruiter, role, 'active');
    expectProblem(await changeRoleStatus(world.tokens.recruiter, role, 'paused'), 412);
    expectProblem(await changeRoleStatus(world.tokens.recruiter, { id: role.id, version: 2 }, 'archived'), 400);
  });

  it.each([
    ['a viewer', 'viewer', 403],
    ['an admin of another organisation', 'otherOrgAdmin', 404],
  ] as const)('refuses %s (%s → %i)', async (_who, persona, status) => {
    const role = await createRole(world.tokens.recruiter, world.organisationId);
    expectProblem(await changeRoleStatus(world.tokens[persona], role, 'active'), status);
  });
});

describe('DELETE /api/job-roles/{roleId}', () => {
  const remove = (token: string, id: string) => api(`/api/job-roles/${id}`, { method: 'DELETE', token });

  it('lets an admin delete a draft, and audits it', async () => {
    const role = await createRole(world.tokens.recruiter, world.organisationId);
    const response = await remove(world.tokens.admin, role.id);
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    expectProblem(await api(`/api/job-roles/${role.id}`, { token: world.tokens.admin }), 404);
    expect(auditRowsFor(role.id).at(-1)).toMatchObject({
      action: 'role_deleted',
      user_id: world.userIds.admin,
      organisation_id: world.organisationId,
      old_values: { title: role.title, status: 'draft' },
    });
  });

  it('refuses a role that is not a draft (409)', async () => {
    const role = await createActiveRole(world);
    expectProblem(await remove(world.tokens.admin, role.id), 409);
    expect((await api(`/api/job-roles/${role.id}`, { token: world.tokens.admin })).status).toBe(200);
  });

  it.each([
    ['a recruiter', 'recruiter', 403],
    ['a hiring manager', 'hiringManager', 403],
    ['a viewer', 'viewer', 403],
    ['an admin of another organisation', 'otherOrgAdmin', 404],
  ] as const)('refuses %s (%s → %i)', async (_who, persona, status) => {
    const role = await createRole(world.tokens.recruiter, world.organisationId);
    expectProblem(await remove(world.tokens[persona], role.id), status);
    expect((await api(`/api/job-roles/${role.id}`, { token: world.tokens.admin })).status).toBe(200);
  });

  it('answers 404 for an unknown role', async () => {
    expectProblem(await remove(world.tokens.admin, randomUUID()), 404);
  });
});
