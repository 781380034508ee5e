import { randomUUID } from 'node:crypto';
import { api, expectProblem } from '../support/api';
import { auditRowsFor, createActiveRole, createRole, fieldPaths, staffWorld, type JobRoleBody, type StaffWorld } from './staff-world';

const RUBRIC = {
  technical_skills: { weight: 0.5, label: 'Technical skills' },
  communication: { weight: 0.3, label: 'Communication' },
  culture_fit: { weight: 0.2, label: 'Culture fit' },
};
const REQUIREMENTS = {
  skills: ['TypeScript'],
  experience: ['3 years'],
  qualifications: ['Degree'],
  responsibilities: ['Build APIs'],
  interviewQuestions: ['What did you build last?'],
};

let world: StaffWorld;
beforeAll(async () => {
  world = await staffWorld();
});

const create = (token: string, json: unknown, organisationId = world.organisationId) =>
  api<{ job_role: JobRoleBody }>(`/api/organisations/${organisationId}/job-roles`, { method: 'POST', token, json });

describe('POST /api/organisations/{organisationId}/job-roles', () => {
  it('creates a draft with every field, answers its ETag and address, and audits it', async () => {
    const response = await create(world.tokens.recruiter, {
      title: '  Platform Engineer ',
      department: 'Engineering',
      industry: 'Software',
      work_type: 'hybrid',
      location: 'Melbourne VIC',
      salary_range_min: 120000,
      salary_range_max: 150000,
      employment_type: 'full_time',
      description: 'Runs the platform.',
      requirements: REQUIREMENTS,
      interview_structure: { questions: ['Tell me about on-call.'], duration_minutes: 15 },
      scoring_rubric: RUBRIC,
    });
    expect(response.status).toBe(201);
    const role = response.body.job_role;
    expect(role).toMatchObject({
      organisation_id: world.organisationId,
      title: 'Platform Engineer',
      status: 'draft',
      work_type: 'hybrid',
      salary_range_min: 120000,
      requirements: REQUIREMENTS,
      interview_structure: { questions: ['Tell me about on-call.'], duration_minutes: 15 },
      scoring_rubric: RUBRIC,
      created_by: world.userIds.recruiter,
      version: 1,
    });
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.headers.get('location')).toBe(`/api/job-roles/${role.id}`);
    expect(auditRowsFor(role.id)).toEqual([
      expect.objectContaining({
        action: 'role_created',
        entity_type: 'job_role',
        user_id: world.userIds.recruiter,
        organisation_id: world.organisationId,
        new_values: { title: 'Platform Engineer', status: 'draft' },
      }),
    ]);
  });

  it('fills the requirement lists left out, and stores blanks as null', async () => {
    const role = await createRole(world.tokens.hiringManager, world.organisationId, { requirements: { skills: ['SQL'] }, department: '  ' });
    expect(role.requirements).toEqual({ skills: ['SQL'], experience: [], qualifications: [], responsibilities: [], interviewQuestions: [] });
    expect(role.department).toBeNull();
  });

  it.each([
    ['a viewer', 'viewer', 403],
    ['an admin of another organisation', 'otherOrgAdmin', 404],
  ] as const)('refuses %s (%s → %i) and writes nothing', async (_who, persona, status) => {
    const title = `Refused ${randomUUID()}`;
    expectProblem(await create(world.tokens[persona], { title }), status);
    const list = await api<{ items: JobRoleBody[] }>(`/api/organisations/${world.organisationId}/job-roles?q=${encodeURIComponent(title)}`, {
      token: world.tokens.admin,
    });
    expect(list.body.items).toEqual([]);
  });

  it('answers 401 without a token and 404 for an organisation id that is not a GUID', async () => {
    expectProblem(await api(`/api/organisations/${world.organisationId}/job-roles`, { method: 'POST', json: { title: 'x' } }), 401);
    expectProblem(await create(world.tokens.admin, { title: 'x' }, 'not-a-guid'), 404);
  });

  it.each([
    ['a missing title', {}, ['title']],
    ['a blank title', { title: '   ' }, ['title']],
    ['a title too long', { title: 'x'.repeat(201) }, ['title']],
    ['a status (set through the status endpoint)', { title: 'x', status: 'active' }, ['(root)']],
    ['an unknown work type', { title: 'x', work_type: 'moon' }, ['work_type']],
    ['a negative salary', { title: 'x', salary_range_min: -1 }, ['salary_range_min']],
    ['a minimum salary above the maximum', { title: 'x', salary_range_min: 200, salary_range_max: 100 }, ['salary_range_min']],
    ['too many interview questions', { title: 'x', interview_structure: { questions: Array(16).fill('q'), duration_minutes: 15 } }, ['interview_structure.questions']],
    ['an interview of 3 minutes', { title: 'x', interview_structure: { questions: ['q'], duration_minutes: 3 } }, ['interview_structure.duration_minutes']],
    ['a requirement list that is not strings', { title: 'x', requirements: { skills: [1] } }, ['requirements.skills.0']],
    ['an unknown requirement list', { title: 'x', requirements: { hobbies: ['golf'] } }, ['requirements']],
    ['an unknown rubric dimension', { title: 'x', scoring_rubric: { charisma: { weight: 1, label: 'Charisma' } } }, ['scoring_rubric']],
    ['rubric weights that do not sum to 1', { title: 'x', scoring_rubric: { communication: { weight: 0.5, label: 'C' }, motivation: { weight: 0.4, label: 'M' } } }, ['scoring_rubric']],
    ['a rubric weight above 1', { title: 'x', scoring_rubric: { communication: { weight: 1.5, label: 'C' } } }, ['scoring_rubric.communication.weight']],
    ['an empty rubric', { title: 'x', scoring_rubric: {} }, ['scoring_rubric']],
  ])('answers 400 naming the field for %s', async (_case, body, paths) => {
    const response = await create(world.tokens.admin, body);
    expectProblem(response, 400);
    expect(fieldPaths(response)).toEqual(expect.arrayContaining(paths));
  });

  it('says what the rubric weights sum to', async () => {
    const response = await create(world.tokens.admin, {
      title: 'x',
      scoring_rubric: { communication: { weight: 0.5, label: 'C' }, motivation: { weight: 0.4, label: 'M' } },
    });
    expect(expectProblem(response, 400).errors).toEqual([{ path: 'scoring_rubric', message: 'The weights must sum to 1; they sum to 0.9.' }]);
  });

  it('accepts weights that sum to 1 within rounding', async () => {
    const thirds = { communication: { weight: 0.333, label: 'C' }, motivation: { weight: 0.333, label: 'M' }, confidence: { weight: 0.334, label: 'Co' } };
    expect((await create(world.tokens.admin, { title: 'Thirds', scoring_rubric: thirds })).status).toBe(201);
  });
});

describe('GET /api/job-roles/{roleId}', () => {
  let active: JobRoleBody;
  let draft: JobRoleBody;
  beforeAll(async () => {
    active = await createActiveRole(world, { requirements: REQUIREMENTS, scoring_rubric: RUBRIC, interview_structure: { questions: ['Q1'], duration_minutes: 10 } });
    draft = await createRole(world.tokens.recruiter, world.organisationId, { scoring_rubric: RUBRIC });
  });

  it('gives members the whole role with its ETag, viewers included', async () => {
    const response = await api<{ audience: string; job_role: JobRoleBody }>(`/api/job-roles/${active.id}`, { token: world.tokens.viewer });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ audience: 'staff', job_role: active });
    expect(response.headers.get('etag')).toBe(`"${active.version}"`);
  });

  it('gives anyone else signed in the advertisement of an active role only', async () => {
    const outsider = world.tokens.otherOrgAdmin;
    const response = await api<{ audience: string; job_role: Record<string, unknown> }>(`/api/job-roles/${active.id}`, { token: outsider });
    expect(response.status).toBe(200);
    expect(response.body.audience).toBe('public');
    expect(response.headers.get('etag')).toBeNull();
    const role = response.body.job_role;
    expect(role).toMatchObject({ id: active.id, title: active.title, status: 'active', organisation_name: expect.any(String), description: 'Builds things.' });
    expect(role.requirements).toEqual({ skills: ['TypeScript'], experience: ['3 years'], qualifications: ['Degree'], responsibilities: ['Build APIs'] });
    for (const hidden of ['scoring_rubric', 'interview_structure', 'created_by', 'version', 'updated_at']) expect(role).not.toHaveProperty(hidden);
    expect(response.text).not.toContain('What did you build last?');
  });

  it('answers 404 to outsiders for a role that is not active, and for unknown or malformed ids', async () => {
    expectProblem(await api(`/api/job-roles/${draft.id}`, { token: world.tokens.otherOrgAdmin }), 404);
    expectProblem(await api(`/api/job-roles/${randomUUID()}`, { token: world.tokens.admin }), 404);
    expectProblem(await api('/api/job-roles/12345', { token: world.tokens.admin }), 404);
  });

  it('finds a role by its id in upper case too', async () => {
    const response = await api<{ job_role: JobRoleBody }>(`/api/job-roles/${draft.id.toUpperCase()}`, { token: world.tokens.admin });
    expect(response.status).toBe(200);
    expect(response.body.job_role.id).toBe(draft.id);
  });

  it('answers 401 without a token', async () => {
    expectProblem(await api(`/api/job-roles/${active.id}`), 401);
  });
});
