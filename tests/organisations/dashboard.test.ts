import { randomUUID } from 'node:crypto';
import { api, expectProblem } from '../support/api';
import { addMembership, organisationWithAdmin, signIn, withDb } from './helpers';

interface Dashboard {
  organisation_id: string;
  from: string;
  to: string;
  active_roles: number;
  applications_by_status: Record<string, number>;
  applications_total: number;
  completed_interviews: number;
  scores: { scored_interviews: number; average_overall: number | null; bands: Array<{ band: string; count: number }> };
}

const FROM = '2026-06-01T00:00:00.000Z';
const TO = '2026-07-01T00:00:00.000Z';
const IN_RANGE = '2026-06-15T10:00:00.000Z';
const BEFORE = '2026-05-31T23:59:59.000Z';

/** Writes an organisation's roles, applications, interviews and scores straight into the database. */
function seed(organisationId: string, candidateId: string) {
  withDb((db) => {
    const role = (status: string) => {
      const id = randomUUID();
      db.prepare(`insert into job_roles (id, organisation_id, title, status, created_at, updated_at) values (?, ?, 'Role', ?, ?, ?)`).run(id, organisationId, status, IN_RANGE, IN_RANGE);
      return id;
    };
    role('active');
    role('active');
    role('draft');
    role('closed');
    // One application per (paused) role: a candidate applies to a role once.
    const application = (status: string, createdAt = IN_RANGE) => {
      const id = randomUUID();
      db.prepare('insert into applications (id, candidate_id, job_role_id, status, created_at, updated_at) values (?, ?, ?, ?, ?, ?)').run(id, candidateId, role('paused'), status, createdAt, createdAt);
      return id;
    };
    const interview = (status: string, endedAt: string | null, score: number | null, practice = false) => {
      const id = randomUUID();
      db.prepare('insert into interviews (id, application_id, status, ended_at, is_practice, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)').run(
        id, application('interviewed'), status, endedAt, practice ? 1 : 0, IN_RANGE, IN_RANGE,
      );
      if (score !== null) {
        db.prepare(`insert into interview_scores (id, interview_id, overall_score, created_at, updated_at) values (?, ?, ?, ?, ?)`).run(randomUUID(), id, score, IN_RANGE, IN_RANGE);
      }
    };
    application('applied');
    application('applied');
    application('shortlisted');
    application('applied', BEFORE);
    // Scored in range: 15 (band 0-20), 35 and 39.5 (20-40), 80 and 100 (80-100); mean 53.9.
    for (const score of [15, 35, 39.5, 80, 100]) interview('completed', IN_RANGE, score);
    interview('completed', IN_RANGE, null);
    interview('in_progress', null, null);
    interview('completed', BEFORE, 10);
    interview('completed', IN_RANGE, 55, true);
  });
}

const dashboard = (token: string, organisationId: string, query = `?from=${FROM}&to=${TO}`) =>
  api<Dashboard>(`/api/organisations/${organisationId}/dashboard${query}`, { token });

describe('GET /api/organisations/{id}/dashboard', () => {
  it('counts roles, applications by status, completed interviews and the score distribution in the range, for any member, without an audit row', async () => {
    const { admin, organisationId } = await organisationWithAdmin();
    const candidate = await signIn('candidate');
    seed(organisationId, candidate.userId);
    const other = await organisationWithAdmin();
    seed(other.organisationId, candidate.userId);
    const viewer = await signIn('viewer');
    addMembership(organisationId, viewer.userId, 'viewer');
    const auditBefore = withDb((db) => db.prepare('select count(*) as n from audit_log where organisation_id = ?').get(organisationId));

    const response = await dashboard(viewer.token, organisationId);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ organisation_id: organisationId, from: FROM, to: TO, active_roles: 2, completed_interviews: 6 });
    // 3 plain applications + one per interview (9), less the one created before the range; by status now.
    expect(response.body.applications_by_status).toMatchObject({ applied: 2, shortlisted: 1, interviewed: 9, hired: 0 });
    expect(response.body.applications_total).toBe(12);
    expect(response.body.scores).toEqual({
      scored_interviews: 5,
      average_overall: 53.9,
      bands: [
        { band: '0-20', count: 1 },
        { band: '20-40', count: 2 },
        { band: '40-60', count: 0 },
        { band: '60-80', count: 0 },
        { band: '80-100', count: 2 },
      ],
    });
    expect((await dashboard(admin.token, organisationId)).body).toEqual(response.body);
    expect(withDb((db) => db.prepare('select count(*) as n from audit_log where organisation_id = ?').get(organisationId))).toEqual(auditBefore);
  });

  it('defaults to the last 30 days and answers zeros and a null average for an empty organisation', async () => {
    const { admin, organisationId } = await organisationWithAdmin();
    const response = await dashboard(admin.token, organisationId, '');
    expect(response.status).toBe(200);
    expect(new Date(response.body.to).getTime() - new Date(response.body.from).getTime()).toBe(30 * 86_400_000);
    expect(response.body).toMatchObject({ active_roles: 0, applications_total: 0, completed_interviews: 0, scores: { scored_interviews: 0, average_overall: null } });
  });

  it('refuses non-members (404), anonymous callers, an empty or too long range and unknown parameters', async () => {
    const { admin, organisationId } = await organisationWithAdmin();
    const outsider = await signIn('outsider');
    expectProblem(await dashboard(outsider.token, organisationId), 404);
    expectProblem(await api(`/api/organisations/${organisationId}/dashboard`), 401);
    expectProblem(await dashboard(admin.token, organisationId, `?from=${TO}&to=${FROM}`), 400);
    expectProblem(await dashboard(admin.token, organisationId, '?from=2025-01-01T00:00:00Z&to=2026-07-01T00:00:00Z'), 400);
    expectProblem(await dashboard(admin.token, organisationId, '?from=yesterday'), 400);
    expectProblem(await dashboard(admin.token, organisationId, '?role=x'), 400);
  });
});
