import { randomUUID } from 'node:crypto';
import { api, expectProblem } from '../support/api';
import { auditRowsFor, createActiveRole, createRole, fieldPaths, staffWorld, type JobRoleBody, type StaffWorld } from './staff-world';

let world: StaffWorld;
beforeAll(async () => {
  world = await staffWorld();
});

const patch = (token: string, role: { id: string }, json: unknown, ifMatch?: string) =>
  api<{ job_role: JobRoleBody }>(`/api/job-roles/${role.id}`, {
    method: 'PATCH',
    token,
    json,
    headers: ifMatch === undefined ? {} : { 'if-match': ifMatch },
  });

const RUBRIC = {
  technical_skills: { weight: 0.6, label: 'Technical skills' },
  communication: { weight: 0.4, label: 'Communication' },
};

describe('PATCH /api/job-roles/{roleId}', () => {
  it('changes only the fields sent, moves the version on and audits the difference', async () => {
    const role = await createRole(world.tokens.recruiter, world.organisationId, { department: 'Sales', location: 'Perth WA' });
    const response = await patch(world.tokens.hiringManager, role, { title: 'Account Executive', department: null }, '"1"');
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"2"');
    expect(response.body.job_role).toMatchObject({ title: 'Account Executive', department: null, location: 'Perth WA', version: 2 });
    expect(response.body.job_role.updated_at).not.toBe(role.updated_at);

    const read = await api<{ job_role: JobRoleBody }>(`/api/job-roles/${role.id}`, { token: world.tokens.viewer });
    expect(read.body.job_role).toEqual(response.body.job_role);

    const audit = auditRowsFor(role.id).filter((row) => row.action === 'role_updated');
    expect(audit).toEqual([
      expect.objectContaining({
        entity_type: 'job_role',
        user_id: world.userIds.hiringManager,
        organisation_id: world.organisationId,
        old_values: { title: role.title, department: 'Sales' },
        new_values: { title: 'Account Executive', department: null },
      }),
    ]);
  });

  it('audits a rubric change separately as rubric_updated, weight by weight', async () => {
    const role = await createRole(world.tokens.recruiter, world.organisationId, { scoring_rubric: RUBRIC });
    const next = { technical_skills: { weight: 0.5, label: 'Technical skills' }, communication: { weight: 0.3, label: 'Communication' }, motivation: { weight: 0.2, label: 'Drive' } };
    const response = await patch(world.tokens.recruiter, role, { scoring_rubric: next }, '"1"');
    expect(response.status).toBe(200);
    expect(response.body.job_role.scoring_rubric).toEqual(next);
    const audit = auditRowsFor(role.id).filter((row) => row.action !== 'role_created');
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'rubric_updated',
        entity_type: 'scoring_rubric',
        entity_id: role.id,
        old_values: { 'technical_skills.weight': 0.6, 'communication.weight': 0.4, 'motivation.weight': null, 'motivation.label': null },
        new_values: { 'technical_skills.weight': 0.5, 'communication.weight': 0.3, 'motivation.weight': 0.2, 'motivation.label': 'Drive' },
      }),
    ]);
  });

  it('writes both audit rows when fields and the rubric change together, and keeps long texts out of the log', async () => {
    const role = await createRole(world.tokens.recruiter, world.organisationId);
    const description = 'A long description. '.repeat(100);
    const response = await patch(world.tokens.admin, role, { description, scoring_rubric: RUBRIC, requirements: { skills: Array.from({ length: 30 }, (_, i) => `Skill ${i}`) } }, '"1"');
    expect(response.status).toBe(200);
    const audit = auditRowsFor(role.id).filter((row) => row.action !== 'role_created');
    expect(audit.map((row) => row.action).sort()).toEqual(['role_updated', 'rubric_updated']);
    const fields = audit.find((row) => row.action === 'role_updated');
    expect(fields?.new_values?.requirements).toBe('(changed)');
    expect(String(fields?.new_values?.description).length).toBeLessThanOrEqual(201);
    expect(JSON.stringify(fields)).not.toContain(description);
  });

  it('clears the rubric with null', async () => {
    const role = await createRole(world.tokens.recruiter, world.organisationId, { scoring_rubric: RUBRIC });
    const response = await patch(world.tokens.recruiter, role, { scoring_rubric: null }, '"1"');
    expect(response.body.job_role.scoring_rubric).toBeNull();
    expect(auditRowsFor(role.id).map((row) => row.action)).toEqual(['role_created', 'rubric_updated']);
  });

  it('changes nothing, and keeps the version, when the values sent are the current ones', async () => {
    const role = await createRole(world.tokens.recruiter, world.organisationId, { location: 'Hobart TAS' });
    const response = await patch(world.tokens.recruiter, role, { location: 'Hobart TAS' }, '"1"');
    expect(response.status).toBe(200);
    expect(response.body.job_role.version).toBe(1);
    expect(auditRowsFor(role.id).map((row) => row.action)).toEqual(['role_created']);
  });

  it('lets exactly one of two updates based on the same version win; the other gets 412', async () => {
    const role = await createRole(world.tokens.recruiter, world.organisationId);
    const [first, second] = await Promise.all([
      patch(world.tokens.recruiter, role, { title: 'Version A' }, '"1"'),
      patch(world.tokens.hiringManager, role, { title: 'Version B' }, '"1"'),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 412]);
    const winner = first.status === 200 ? 'Version A' : 'Version B';
    const read = await api<{ job_role: JobRoleBody }>(`/api/job-roles/${role.id}`, { token: world.tokens.admin });
    expect(read.body.job_role).toMatchObject({ title: winner, version: 2 });
    expect(auditRowsFor(role.id).filter((row) => row.action === 'role_updated')).toHaveLength(1);

    const stale = await patch(world.tokens.admin, role, { title: 'Too late' }, '"1"');
    expectProblem(stale, 412);
    expect((await api<{ job_role: JobRoleBody }>(`/api/job-roles/${role.id}`, { token: world.tokens.admin })).body.job_role.title).toBe(winner);
  });

  it('answers 428 without If-Match and 400 for a malformed one, changing nothing', async () => {
    const role = await createRole(world.tokens.recruiter, world.organisationId);
    expectProblem(await patch(world.tokens.recruiter, role, { title: 'No precondition' }), 428);
    const malformed = await patch(world.tokens.recruiter, role, { title: 'Bad precondition' }, 'version-one');
    expectProblem(malformed, 400);
    expect(fieldPaths(malformed)).toEqual(['If-Match']);
    expect((await api<{ job_role: JobRoleBody }>(`/api/job-roles/${role.id}`, { token: world.tokens.admin })).body.job_role.version).toBe(1);
  });

  it.each([
    ['a viewer', 'viewer', 403],
    ['an admin of another organisation', 'otherOrgAdmin', 404],
  ] as const)('refuses %s (%s → %i)', async (_who, persona, status) => {
    const role = await createRole(world.tokens.recruiter, world.organisationId);
    expectProblem(await patch(world.tokens[persona], role, { title: 'Hijacked' }, '"1"'), status);
    expect(auditRowsFor(role.id)).toHaveLength(1);
  });

  it('answers 404 for an unknown role', async () => {
    expectProblem(await patch(world.tokens.admin, { id: randomUUID() }, { title: 'Ghost' }, '"1"'), 404);
  });

  it.each([
    ['an empty body', {}, ['(root)']],
    ['a null title', { title: null }, ['title']],
    ['a status', { status: 'closed' }, ['(root)']],
    ['a rubric with an unknown dimension', { scoring_rubric: { charisma: { weight: 1, label: 'C' } } }, ['scoring_rubric']],
  ])('answers 400 for %s', async (_case, body, paths) => {
    const role = await createRole(world.tokens.recruiter, world.organisationId);
    const response = await patch(world.tokens.recruiter, role, body, '"1"');
    expectProblem(response, 400);
    expect(fieldPaths(response)).toEqual(expect.arrayContaining(paths));
  });

  it('checks the salary range against the end not sent', async () => {
    const role = await createRole(world.tokens.recruiter, world.organisationId, { salary_range_min: 90000, salary_range_max: 110000 });
    const response = await patch(world.tokens.recruiter, role, { salary_range_min: 120000 }, '"1"');
    expectProblem(response, 400);
    expect(fieldPaths(response)).toEqual(['salary_range_min']);
    expect((await patch(world.tokens.recruiter, role, { salary_range_min: 120000, salary_range_max: null }, '"1"')).status).toBe(200);
  });

  it('refuses to clear the description of an advertised role (409)', async () => {
    const role = await createActiveRole(world);
    expectProblem(await patch(world.tokens.recruiter, role, { description: null }, `"${role.version}"`), 409);
  });
});
