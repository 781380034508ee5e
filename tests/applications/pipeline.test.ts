import { randomUUID } from 'node:crypto';
import { api, expectProblem, openDatabase, tokenFor, uniqueEmail } from '../support/api';
import { auditRowsFor, createActiveRole, fieldPaths, staffWorld, type JobRoleBody, type StaffWorld } from '../job-roles/staff-world';

interface ApplicationBody {
  id: string;
  candidate_id: string;
  status: string;
  match_score: number | null;
  version: number;
  [field: string]: unknown;
}
interface Page {
  items: ApplicationBody[];
  next_cursor: string | null;
}

let world: StaffWorld;
beforeAll(async () => {
  world = await staffWorld();
});

async function applicant(roleId: string, matchScore: number | null = null): Promise<{ token: string; application: ApplicationBody }> {
  const token = await tokenFor(uniqueEmail('applicant'));
  const response = await api<{ application: ApplicationBody }>(`/api/job-roles/${roleId}/applications`, { method: 'POST', token });
  if (response.status !== 201) throw new Error(`apply failed: ${response.status} ${response.text}`);
  if (matchScore !== null) {
    const db = openDatabase();
    db.prepare('update applications set match_score = ? where id = ?').run(matchScore, response.body.application.id);
    db.close();
  }
  return { token, application: { ...response.body.application, match_score: matchScore } };
}

const move = (token: string, application: { id: string; version: number }, status: string, ifMatch = `"${application.version}"`) =>
  api<{ application: ApplicationBody }>(`/api/applications/${application.id}/status`, {
    method: 'POST',
    token,
    json: { status },
    headers: { 'if-match': ifMatch },
  });

async function walk(application: ApplicationBody, statuses: string[]): Promise<ApplicationBody> {
  let current = application;
  for (const status of statuses) {
    const response = await move(world.tokens.recruiter, current, status);
    if (response.status !== 200) throw new Error(`${current.status} → ${status}: ${response.status} ${response.text}`);
    current = response.body.application;
  }
  return current;
}

describe('GET /api/job-roles/{roleId}/applications', () => {
  let role: JobRoleBody;
  let ranked: ApplicationBody[];
  beforeAll(async () => {
    role = await createActiveRole(world);
    ranked = [];
    for (const score of [55, null, 90.5, 72, null, 90.5]) ranked.push((await applicant(role.id, score)).application);
    await walk(ranked[0] as ApplicationBody, ['shortlisted']);
  });

  const list = (query: string, token = world.tokens.viewer) => api<Page>(`/api/job-roles/${role.id}/applications${query}`, { token });

  async function everyPage(query: string): Promise<ApplicationBody[]> {
    const items: ApplicationBody[] = [];
    let cursor: string | null = null;
    do {
      const response = await list(`${query}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(response.status).toBe(200);
      items.push(...response.body.items);
      cursor = response.body.next_cursor;
    } while (cursor);
    return items;
  }

  it('lists newest first by default, with ids, status and score only', async () => {
    const response = await list('');
    expect(response.status).toBe(200);
    expect(response.body.items.map((a) => a.id)).toEqual(ranked.map((a) => a.id).reverse());
    for (const item of response.body.items) {
      expect(Object.keys(item).sort()).toEqual(['candidate_id', 'created_at', 'id', 'job_role_id', 'match_score', 'status', 'updated_at', 'version']);
    }
  });

  it('sorts by match score, highest first and unranked last, across pages', async () => {
    const items = await everyPage('?sort=match_score');
    expect(items.map((a) => a.match_score)).toEqual([90.5, 90.5, 72, 55, null, null]);
    expect(new Set(items.map((a) => a.id)).size).toBe(6);
  });

  it('pages newest first without gaps or repeats', async () => {
    expect((await everyPage('?sort=created_at')).map((a) => a.id)).toEqual(ranked.map((a) => a.id).reverse());
  });

  it('filters by status', async () => {
    const response = await list('?status=shortlisted');
    expect(response.body.items.map((a) => a.id)).toEqual([ranked[0]?.id]);
  });

  it('refuses a cursor of the other sort, and unknown sorts', async () => {
    const byDate = await list('?limit=1');
    const misused = await list(`?sort=match_score&cursor=${encodeURIComponent(byDate.body.next_cursor as string)}`);
    expectProblem(misused, 400);
    expect(fieldPaths(misused)).toEqual(['cursor']);
    expect(fieldPaths(await list('?sort=name'))).toEqual(['sort']);
  });

  it('answers 404 to non-members and to candidates, even the applicants', async () => {
    expectProblem(await list('', world.tokens.otherOrgAdmin), 404);
    const { token } = await applicant(role.id);
    expectProblem(await list('', token), 404);
    expectProblem(await api(`/api/job-roles/${randomUUID()}/applications`, { token: world.tokens.admin }), 404);
  });
});

describe('POST /api/applications/{applicationId}/status', () => {
  let role: JobRoleBody;
  beforeAll(async () => {
    role = await createActiveRole(world);
  });

  it('moves an application on, answers the new ETag and audits the change', async () => {
    const { application } = await applicant(role.id);
    const response = await move(world.tokens.hiringManager, application, 'shortlisted');
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"2"');
    expect(response.body.application).toMatchObject({ id: application.id, status: 'shortlisted', version: 2 });
    expect(auditRowsFor(application.id).at(-1)).toEqual({
      action: 'application_status_changed',
      entity_type: 'application',
      entity_id: application.id,
      user_id: world.userIds.hiringManager,
      organisation_id: world.organisationId,
      old_values: { status: 'applied' },
      new_values: { status: 'shortlisted' },
    });
  });

  it('follows the whole pipeline to hired', async () => {
    const { application } = await applicant(role.id);
    const hired = await walk(application, ['shortlisted', 'invited', 'interviewed', 'scoring', 'reviewed', 'hired']);
    expect(hired).toMatchObject({ status: 'hired', version: 7 });
  });

  it.each([
    [[], 'rejected'],
    [['shortlisted'], 'rejected'],
    [['shortlisted', 'invited'], 'rejected'],
    [['shortlisted', 'invited', 'interviewed'], 'reviewed'],
    [['shortlisted', 'invited', 'interviewed'], 'rejected'],
    [['shortlisted', 'invited', 'interviewed', 'reviewed'], 'rejected'],
  ])('allows after %j → %s', async (path, to) => {
    const current = await walk((await applicant(role.id)).application, path);
    expect((await move(world.tokens.recruiter, current, to)).status).toBe(200);
  });

  it.each([
    [[], 'hired', 'shortlisted, rejected'],
    [[], 'applied', 'shortlisted, rejected'],
    [['shortlisted', 'invited', 'interviewed', 'scoring'], 'rejected', 'reviewed'],
    [['rejected'], 'shortlisted', 'rejected is final'],
    [['shortlisted', 'invited', 'interviewed', 'reviewed', 'hired'], 'rejected', 'hired is final'],
  ])('refuses after %j → %s with 409 naming what is allowed', async (path, to, allowed) => {
    const current = await walk((await applicant(role.id)).application, path);
    expect(expectProblem(await move(world.tokens.recruiter, current, to), 409).detail).toContain(allowed);
  });

  it('never lets the candidate change their own status (403)', async () => {
    const { token, application } = await applicant(role.id);
    expectProblem(await move(token, application, 'shortlisted'), 403);
    expectProblem(await move(token, application, 'hired'), 403);
    expect((await api<{ application: ApplicationBody }>(`/api/applications/${application.id}`, { token: world.tokens.admin })).body.application.status).toBe('applied');
  });

  it.each([
    ['a viewer', 'viewer', 403],
    ['an admin of another organisation', 'otherOrgAdmin', 404],
  ] as const)('refuses %s (%s → %i)', async (_who, persona, status) => {
    const { application } = await applicant(role.id);
    expectProblem(await move(world.tokens[persona], application, 'shortlisted'), status);
    expect(auditRowsFor(application.id).map((row) => row.action)).toEqual(['application_created']);
  });

  it('answers 428 without If-Match, 412 when stale, and lets one of two simultaneous moves win', async () => {
    const { application } = await applicant(role.id);
    const missing = await api(`/api/applications/${application.id}/status`, { method: 'POST', token: world.tokens.recruiter, json: { status: 'shortlisted' } });
    expectProblem(missing, 428);
    const results = await Promise.all([move(world.tokens.recruiter, application, 'shortlisted'), move(world.tokens.admin, application, 'rejected')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    expectProblem(await move(world.tokens.recruiter, application, 'shortlisted'), 412);
    expect(auditRowsFor(application.id).filter((row) => row.action === 'application_status_changed')).toHaveLength(1);
  });

  it('answers 400 for an unknown status and 404 for an unknown application', async () => {
    const { application } = await applicant(role.id);
    expect(fieldPaths(await move(world.tokens.recruiter, application, 'ghosted'))).toEqual(['status']);
    expectProblem(await move(world.tokens.recruiter, { id: randomUUID(), version: 1 }, 'shortlisted'), 404);
  });
});
