import { randomUUID } from 'node:crypto';
import { api, expectProblem, openDatabase, tokenFor, uniqueEmail } from '../support/api';
import { auditRowsFor, changeRoleStatus, createActiveRole, createRole, staffWorld, userIdOf, type JobRoleBody, type StaffWorld } from '../job-roles/staff-world';

interface ApplicationBody {
  id: string;
  status: string;
  [field: string]: unknown;
}

let world: StaffWorld;
let role: JobRoleBody;
beforeAll(async () => {
  world = await staffWorld();
  role = await createActiveRole(world, { title: 'Barista', department: 'Front of house', location: 'Newtown NSW' });
});

const apply = (token: string, roleId: string) =>
  api<{ application: ApplicationBody }>(`/api/job-roles/${roleId}/applications`, { method: 'POST', token });

describe('POST /api/job-roles/{roleId}/applications', () => {
  it('applies the caller to an active role, once, and audits it without personal data', async () => {
    const token = await tokenFor(uniqueEmail('candidate'));
    const candidateId = await userIdOf(token);
    const response = await apply(token, role.id);
    expect(response.status).toBe(201);
    const application = response.body.application;
    expect(application).toEqual({
      id: expect.any(String),
      candidate_id: candidateId,
      job_role_id: role.id,
      status: 'applied',
      match_score: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
      version: 1,
    });
    expect(response.headers.get('location')).toBe(`/api/applications/${application.id}`);
    const audit = auditRowsFor(application.id);
    expect(audit).toEqual([
      {
        action: 'application_created',
        entity_type: 'application',
        entity_id: application.id,
        user_id: candidateId,
        organisation_id: world.organisationId,
        old_values: null,
        new_values: { job_role_id: role.id, status: 'applied' },
      },
    ]);

    const again = await apply(token, role.id);
    expect(expectProblem(again, 409).detail).toMatch(/already applied/);
  });

  it('makes one application of two simultaneous ones', async () => {
    const token = await tokenFor(uniqueEmail('double-click'));
    const statuses = (await Promise.all([apply(token, role.id), apply(token, role.id)])).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409]);
  });

  it('answers 404 for a draft, paused or closed role and for an unknown one', async () => {
    const token = await tokenFor(uniqueEmail('early'));
    const draft = await createRole(world.tokens.recruiter, world.organisationId);
    const paused = (await changeRoleStatus(world.tokens.recruiter, await createActiveRole(world), 'paused')).body.job_role;
    const closed = (await changeRoleStatus(world.tokens.recruiter, await createActiveRole(world), 'closed')).body.job_role;
    for (const id of [draft.id, paused.id, closed.id, randomUUID()]) expectProblem(await apply(token, id), 404);
  });

  it('answers 401 without a token', async () => {
    expectProblem(await api(`/api/job-roles/${role.id}/applications`, { method: 'POST' }), 401);
  });
});

describe('GET /api/applications/{applicationId} and GET /api/candidate/applications', () => {
  let candidate: string;
  let application: ApplicationBody;
  beforeAll(async () => {
    candidate = await tokenFor(uniqueEmail('reader'));
    application = (await apply(candidate, role.id)).body.application;
    const db = openDatabase();
    db.prepare('update applications set match_score = 91.25 where id = ?').run(application.id);
    db.close();
  });

  it('shows the candidate their application with role and organisation, without the staff ranking', async () => {
    const response = await api<{ audience: string; application: Record<string, unknown> }>(`/api/applications/${application.id}`, { token: candidate });
    expect(response.status).toBe(200);
    expect(response.body.audience).toBe('candidate');
    expect(response.body.application).toEqual({
      id: application.id,
      job_role_id: role.id,
      job_role_title: 'Barista',
      job_role_department: 'Front of house',
      job_role_location: 'Newtown NSW',
      organisation_id: world.organisationId,
      organisation_name: expect.any(String),
      status: 'applied',
      created_at: application.created_at,
      updated_at: application.updated_at,
    });
    expect(response.text).not.toContain('match_score');
    expect(response.headers.get('etag')).toBeNull();
  });

  it('shows members the staff view with its ETag', async () => {
    const response = await api<{ audience: string; application: ApplicationBody }>(`/api/applications/${application.id}`, { token: world.tokens.viewer });
    expect(response.status).toBe(200);
    expect(response.body.audience).toBe('staff');
    expect(response.body.application).toMatchObject({ id: application.id, match_score: 91.25, version: 1, candidate_id: expect.any(String) });
    expect(response.headers.get('etag')).toBe('"1"');
  });

  it('answers 404 to another candidate, to another organisation and for unknown ids', async () => {
    expectProblem(await api(`/api/applications/${application.id}`, { token: await tokenFor(uniqueEmail('nosy')) }), 404);
    expectProblem(await api(`/api/applications/${application.id}`, { token: world.tokens.otherOrgAdmin }), 404);
    expectProblem(await api(`/api/applications/${randomUUID()}`, { token: candidate }), 404);
  });

  it("lists the caller's own applications newest first, page by page", async () => {
    const token = await tokenFor(uniqueEmail('busy'));
    const roles = [await createActiveRole(world, { title: 'First', department: 'Kitchen', location: 'Parramatta NSW' }), await createActiveRole(world, { title: 'Second' }), await createActiveRole(world, { title: 'Third' })];
    for (const r of roles) expect((await apply(token, r.id)).status).toBe(201);
    await apply(candidate, roles[0]?.id as string);

    const first = await api<{ items: Array<Record<string, unknown>>; next_cursor: string | null }>('/api/candidate/applications?limit=2', { token });
    expect(first.status).toBe(200);
    expect(first.body.items.map((a) => a.job_role_title)).toEqual(['Third', 'Second']);
    const second = await api<{ items: Array<Record<string, unknown>>; next_cursor: string | null }>(
      `/api/candidate/applications?limit=2&cursor=${encodeURIComponent(first.body.next_cursor as string)}`,
      { token },
    );
    expect(second.body.items.map((a) => a.job_role_title)).toEqual(['First']);
    expect(second.body.next_cursor).toBeNull();
    expect(second.body.items[0]).toMatchObject({ status: 'applied', organisation_id: world.organisationId, organisation_name: expect.any(String), job_role_department: 'Kitchen', job_role_location: 'Parramatta NSW' });
    expect(first.body.items[0]).toMatchObject({ job_role_department: null, job_role_location: null });
    expect(first.text + second.text).not.toContain('match_score');
  });

  it('gives someone who never applied an empty list', async () => {
    const response = await api<{ items: unknown[]; next_cursor: null }>('/api/candidate/applications', { token: world.tokens.admin });
    expect(response.body).toEqual({ items: [], next_cursor: null });
  });
});
