import { api, expectProblem } from '../support/api';
import { buildFixture, type Fixture } from '../matrix/fixture';

let fx: Fixture;
beforeAll(async () => {
  fx = await buildFixture();
}, 60_000);
afterAll(() => fx.db.close());

const RESUME = 'Olivia Citizen\nolivia@example.com\nSydney NSW 2000\n\nExperience\nSenior Engineer, Acme Pty Ltd, 2019-02 to present\nBuilt APIs in TypeScript on Azure.\n\nSkills\nTypeScript, Azure, SQL\n';

describe('CV links', () => {
  beforeAll(async () => {
    const upload = await api('/api/parse-resume', { method: 'POST', token: fx.tokens.candidateOwner, body: RESUME, headers: { 'content-type': 'text/plain' } });
    expect(upload.status).toBe(200);
  });

  it('gives the candidate a short-lived read-only link to their own CV', async () => {
    const link = await api<{ url: string; expires_at: string }>('/api/candidate/cv', { token: fx.tokens.candidateOwner });
    expect(link.status).toBe(200);
    expect(new Date(link.body.expires_at).getTime() - Date.now()).toBeLessThanOrEqual(300_000);
    const file = await fetch(link.body.url);
    expect(file.status).toBe(200);
    expect(await file.text()).toBe(RESUME);
    const tampered = await fetch(link.body.url.replace(/sp=r/, 'sp=rw'));
    expect(tampered.status).toBe(403);
  });

  it('gives staff of an organisation the candidate applied to a link, and audits it', async () => {
    const link = await api<{ url: string }>(`/api/candidates/${fx.userIds.candidateOwner}/cv?organisationId=${fx.orgA}`, { token: fx.tokens.viewer });
    expect(link.status).toBe(200);
    expect(await (await fetch(link.body.url)).text()).toBe(RESUME);
    const audit = fx.db.prepare(`select count(*) as n from audit_log where action = 'candidate_cv_viewed' and user_id = ?`).get(fx.userIds.viewer);
    expect(audit).toEqual({ n: 1 });
  });

  it('refuses everyone else, and a profile hidden from staff', async () => {
    expectProblem(await api(`/api/candidates/${fx.userIds.candidateOwner}/cv?organisationId=${fx.orgB}`, { token: fx.tokens.otherOrgAdmin }), 404);
    expectProblem(await api(`/api/candidates/${fx.userIds.candidateOwner}/cv?organisationId=${fx.orgA}`, { token: fx.tokens.otherCandidate }), 404);
    expectProblem(await api('/api/candidate/cv', { token: fx.tokens.otherCandidate }), 404);
    fx.db.prepare(`update candidate_profiles set profile_visibility = 'hidden' where user_id = ?`).run(fx.userIds.candidateOwner);
    expectProblem(await api(`/api/candidates/${fx.userIds.candidateOwner}/cv?organisationId=${fx.orgA}`, { token: fx.tokens.admin }), 404);
    fx.db.prepare(`update candidate_profiles set profile_visibility = 'visible' where user_id = ?`).run(fx.userIds.candidateOwner);
  });
});
