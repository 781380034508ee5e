import { randomUUID } from 'node:crypto';
import { api, expectProblem } from '../support/api';
import { addMembership, applyTo, organisationWithAdmin, signIn, withDb } from '../organisations/helpers';

interface Records {
  interview_id: string;
  candidate_id: string;
  consents: { kind: string; policy_version: string; granted_at: string }[];
}

describe('GET /api/interviews/{interviewId}/consents', () => {
  it('tells staff of the organisation who consented to what, when and under which policy; 404 elsewhere; audited', async () => {
    const { organisationId, admin } = await organisationWithAdmin();
    const recruiter = await signIn('recruiter');
    addMembership(organisationId, recruiter.userId, 'viewer');
    const candidate = await signIn('consenting');
    applyTo(organisationId, candidate.userId);
    const interviewId = randomUUID();
    withDb((db) => {
      const application = db.prepare('select id from applications where candidate_id = ?').get(candidate.userId) as { id: string };
      db.prepare(`insert into interviews (id, application_id, status) values (?, ?, 'completed')`).run(interviewId, application.id);
      db.prepare(`insert into consents (id, interview_id, kind, policy_version, granted_at, ip_address) values (?, ?, 'ai_processing', '2025-11', '2026-02-01T10:00:00.000Z', '203.0.113.7')`).run(randomUUID(), interviewId);
      db.prepare(`insert into consents (id, interview_id, kind, policy_version, granted_at, ip_address) values (?, ?, 'recording', '2025-11', '2026-02-01T10:00:05.000Z', '203.0.113.7')`).run(randomUUID(), interviewId);
    });
    const path = `/api/interviews/${interviewId}/consents`;

    const response = await api<Records>(path, { token: recruiter.token });
    expect(response.status).toBe(200);
    expect(response.body.interview_id).toBe(interviewId);
    expect(response.body.candidate_id).toBe(candidate.userId);
    expect([...response.body.consents].sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { kind: 'ai_processing', policy_version: '2025-11', granted_at: '2026-02-01T10:00:00.000Z' },
      { kind: 'recording', policy_version: '2025-11', granted_at: '2026-02-01T10:00:05.000Z' },
    ]);
    expect(response.text).not.toContain('203.0.113.7');
    const audit = withDb((db) => db.prepare(`select user_id from audit_log where action = 'interview_consents_viewed' and entity_id = ?`).all(interviewId));
    expect(audit).toEqual([{ user_id: recruiter.userId }]);

    expect((await api<Records>(path, { token: admin.token })).status).toBe(200);
    expect((await api<Records>(path, { token: candidate.token })).body.consents).toHaveLength(2);
    expectProblem(await api(path, { token: (await organisationWithAdmin()).admin.token }), 404);
    expectProblem(await api(path, { token: (await signIn('stranger')).token }), 404);
    expectProblem(await api(`/api/interviews/${randomUUID()}/consents`, { token: admin.token }), 404);
    expectProblem(await api(path), 401);
  });
});
