import { api, expectProblem } from '../support/api';
import { buildFixture, type Fixture } from '../matrix/fixture';
import { backend, freshIp, generate, insertApplicant, insertRole, matchOf, readStored, yearsAgo, type ShortlistBody } from './world';

/** The suite's host runs the offline provider: the re-rank stage is rule-based, deterministic and says so. */
let fx: Fixture;
beforeAll(async () => {
  fx = await buildFixture();
}, 60_000);
afterAll(() => fx.db.close());


function expectSorted(body: ShortlistBody): void {
  const scores = body.matches.map((m) => m.matchScore);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
}

describe('POST /api/generate-shortlist', () => {
  it('ranks every applicant exactly once, best first, and stores the list, the scores and an audit row', async () => {
    const roleId = insertRole(fx.db, fx.orgA);
    const applicants = [
      insertApplicant(fx.db, roleId, { skills: ['TypeScript', 'Azure', 'SQL'], jobs: backend(6) }),
      insertApplicant(fx.db, roleId, { skills: ['Excel'], jobs: [{ title: 'Chef', start: yearsAgo(3), current: true }] }),
      insertApplicant(fx.db, roleId, { profile: null, skills: ['SQL'] }),
      insertApplicant(fx.db, roleId, { skills: ['TypeScript'], jobs: backend(2) }),
    ];
    const response = await generate(fx.tokens.recruiter, roleId);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = response.body;
    expect(body).toMatchObject({ roleTitle: 'Backend Engineer', provider: 'offline', promptVersion: 'rank-candidates/v1', generatedAt: expect.any(String) });
    expect(body.matches.map((m) => m.applicationId).sort()).toEqual(applicants.map((a) => a.applicationId).sort());
    expectSorted(body);
    expect(body.matches.map((m) => m.rank)).toEqual([1, 2, 3, 4]);
    expect(body.matches[0]?.applicationId).toBe(applicants[0]?.applicationId);
    for (const match of body.matches) {
      expect(Object.keys(match).sort()).toEqual(['applicationId', 'availability', 'candidateId', 'deterministicScore', 'experience', 'location', 'matchReasons', 'matchScore', 'rank', 'skills', 'stage', 'workMode']);
      expect(match).toMatchObject({ stage: 'offline', matchReasons: expect.arrayContaining([expect.stringMatching(/^Offline re-rank rules: deterministic score /)]) });
      expect(match.matchScore).toBeGreaterThanOrEqual(0);
      expect(match.matchScore).toBeLessThanOrEqual(100);
    }
    const top = matchOf(body, applicants[0]?.applicationId ?? '');
    expect(top).toMatchObject({ candidateId: applicants[0]?.userId, skills: ['TypeScript', 'Azure', 'SQL'], workMode: 'hybrid', availability: 'immediate', location: 'Newtown, NSW' });
    expect(top.experience).toMatch(/^6 years relevant; latest: Backend Engineer \(current\)$/);
    expect(matchOf(body, applicants[2]?.applicationId ?? '')).toMatchObject({ skills: [], experience: null, workMode: null, matchReasons: expect.arrayContaining(['No profile yet: scored without one']) });

    const rows = fx.db.prepare('select application_id, rank, match_score, deterministic_score, stage, provider, prompt_version, created_at, skills, experience, shown_sections from shortlist_entries where job_role_id = ?').all(roleId) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      const match = matchOf(body, String(row.application_id));
      expect(row).toMatchObject({ rank: match.rank, match_score: match.matchScore, deterministic_score: match.deterministicScore, stage: 'offline', provider: 'offline', prompt_version: 'rank-candidates/v1', created_at: body.generatedAt, experience: match.experience });
      expect(JSON.parse(String(row.skills))).toEqual(match.skills);
      const application = fx.db.prepare('select match_score, version from applications where id = ?').get(row.application_id) as { match_score: number; version: number };
      expect(application).toEqual({ match_score: match.matchScore, version: 2 });
    }
    const audit = fx.db.prepare(`select user_id, organisation_id, entity_type, new_values from audit_log where action = 'shortlist_generated' and entity_id = ?`).all(roleId) as Array<{ user_id: string; organisation_id: string; entity_type: string; new_values: string }>;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ user_id: fx.userIds.recruiter, organisation_id: fx.orgA, entity_type: 'job_role' });
    expect(JSON.parse(audit[0]?.new_values ?? '{}')).toEqual({ applicants: 4, reranked: 4, batches: 1, provider: 'offline', prompt_version: 'rank-candidates/v1' });
    expect(audit[0]?.new_values).not.toMatch(/Alex|Sample|example\.com|Newtown|TypeScript/);
  });

  it('answers the original empty shape when nobody applied, and stores nothing', async () => {
    const roleId = insertRole(fx.db, fx.orgA, { title: 'Nobody Applied' });
    const response = await generate(fx.tokens.admin, roleId);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ matches: [], message: 'No candidates to match', roleTitle: 'Nobody Applied' });
    expectProblem(await readStored(fx.tokens.admin, roleId), 404);
  });

  describe('the deterministic stage', () => {
    it('matches skills through synonyms: "JS" is JavaScript, "k8s" is Kubernetes', async () => {
      const roleId = insertRole(fx.db, fx.orgA, { skills: ['JavaScript', 'Kubernetes'] });
      const synonym = insertApplicant(fx.db, roleId, { skills: ['JS', 'k8s'], jobs: backend(5) });
      const none = insertApplicant(fx.db, roleId, { skills: ['Cobol'], jobs: backend(5) });
      const { body } = await generate(fx.tokens.admin, roleId);
      const matched = matchOf(body, synonym.applicationId);
      expect(matched.deterministicScore).toBeGreaterThan(matchOf(body, none.applicationId).deterministicScore + 30);
      expect(matched.skills).toEqual(['JavaScript', 'Kubernetes']);
      expect(matchOf(body, none.applicationId).skills).toEqual(['Cobol']);
    });

    it('counts a skill the work history mentions, for less than one the candidate lists', async () => {
      const roleId = insertRole(fx.db, fx.orgA, { skills: ['Terraform', 'Machine Learning'] });
      const listed = insertApplicant(fx.db, roleId, { skills: ['Terraform', 'ML'], jobs: backend(5) });
      const mentioned = insertApplicant(fx.db, roleId, { jobs: [{ title: 'Backend Engineer', start: yearsAgo(5), current: true, description: 'Wrote our Terraform modules, and Machine\nLearning pipelines.' }] });
      const neither = insertApplicant(fx.db, roleId, { jobs: backend(5) });
      const { body } = await generate(fx.tokens.admin, roleId);
      const score = (id: string) => matchOf(body, id).deterministicScore;
      expect(score(listed.applicationId)).toBeGreaterThan(score(mentioned.applicationId));
      expect(score(mentioned.applicationId)).toBeGreaterThan(score(neither.applicationId));
      expect(matchOf(body, mentioned.applicationId).skills).toEqual(['Terraform', 'Machine Learning']);
      expect(matchOf(body, neither.applicationId).matchReasons).toContain('None of the required skills found (Terraform, Machine Learning)');
    });

    it('scores more relevant years higher, and unrelated years lower than relevant ones', async () => {
      const roleId = insertRole(fx.db, fx.orgA, { experience: ['At least 5 years of backend development'] });
      const skills = ['TypeScript', 'Azure', 'SQL'];
      const two = insertApplicant(fx.db, roleId, { skills, jobs: backend(2) });
      const seven = insertApplicant(fx.db, roleId, { skills, jobs: backend(7) });
      const overlapping = insertApplicant(fx.db, roleId, {
        skills,
        jobs: [
          { title: 'Backend Engineer', start: yearsAgo(2), current: true },
          { title: 'Backend Engineer (contract)', start: yearsAgo(2), current: true },
        ],
      });
      const unrelated = insertApplicant(fx.db, roleId, { skills, jobs: [{ title: 'Chef', start: yearsAgo(7), current: true }] });
      const { body } = await generate(fx.tokens.admin, roleId);
      const score = (id: string) => matchOf(body, id).deterministicScore;
      expect(score(seven.applicationId)).toBeGreaterThan(score(two.applicationId));
      expect(score(overlapping.applicationId)).toBe(score(two.applicationId));
      expect(score(unrelated.applicationId)).toBeLessThan(score(seven.applicationId));
      expect(matchOf(body, seven.applicationId).matchReasons).toContain('About 7 years of relevant experience (5 asked for)');
      const stored = await readStored(fx.tokens.admin, roleId);
      expect(matchOf(stored.body, two.applicationId).experience).toMatch(/^2 years relevant/);
    });

    it('lowers the score for a work mode or a state that does not suit the role', async () => {
      const roleId = insertRole(fx.db, fx.orgA, { work_type: 'onsite', location: 'Sydney, New South Wales' });
      const spec = { skills: ['TypeScript', 'Azure', 'SQL'], jobs: backend(5) };
      const suited = insertApplicant(fx.db, roleId, { ...spec, profile: { work_mode: 'onsite', state: 'NSW' } });
      const remote = insertApplicant(fx.db, roleId, { ...spec, profile: { work_mode: 'remote', state: 'NSW' } });
      const interstate = insertApplicant(fx.db, roleId, { ...spec, profile: { work_mode: 'onsite', state: 'VIC' } });
      const { body } = await generate(fx.tokens.admin, roleId);
      const score = (id: string) => matchOf(body, id).deterministicScore;
      expect(score(remote.applicationId)).toBeLessThan(score(suited.applicationId));
      expect(score(interstate.applicationId)).toBeLessThan(score(suited.applicationId));
    });

    it('uses only what the candidate shows staff: hidden sections are empty, a hidden profile is ranked without it', async () => {
      const roleId = insertRole(fx.db, fx.orgA);
      const spec = { skills: ['TypeScript', 'Azure', 'SQL'], jobs: backend(5) };
      const shown = insertApplicant(fx.db, roleId, spec);
      const hidesSkills = insertApplicant(fx.db, roleId, { ...spec, profile: { visibility_settings: { skills: false, location: false } } });
      const hidden = insertApplicant(fx.db, roleId, { ...spec, profile: { profile_visibility: 'hidden' } });
      const { body } = await generate(fx.tokens.admin, roleId);
      expect(body.matches).toHaveLength(3);
      const partial = matchOf(body, hidesSkills.applicationId);
      // Skills still show through the work history the candidate does share.
      expect(partial.skills).toEqual(['TypeScript', 'Azure']);
      expect(partial.location).toBeNull();
      expect(partial.workMode).toBe('hybrid');
      expect(matchOf(body, hidden.applicationId)).toMatchObject({ skills: [], experience: null, location: null, workMode: null, matchReasons: expect.arrayContaining(['Profile hidden by the candidate: scored without it']) });
      expect(matchOf(body, hidden.applicationId).deterministicScore).toBeLessThan(matchOf(body, shown.applicationId).deterministicScore);
    });
  });

  it('replaces the stored list on a re-run, in one go, and moves application versions only when a score changes', async () => {
    const roleId = insertRole(fx.db, fx.orgA);
    const stays = insertApplicant(fx.db, roleId, { skills: ['TypeScript'], jobs: backend(3) });
    const leaves = insertApplicant(fx.db, roleId, { skills: ['SQL'], jobs: backend(1) });
    const first = await generate(fx.tokens.admin, roleId);
    expect(first.body.matches).toHaveLength(2);

    fx.db.prepare('delete from applications where id = ?').run(leaves.applicationId);
    const joins = insertApplicant(fx.db, roleId, { skills: ['Azure', 'SQL'], jobs: backend(4) });
    await new Promise((r) => setTimeout(r, 5));
    const second = await generate(fx.tokens.admin, roleId);
    expect(second.status).toBe(200);
    expect(second.body.matches.map((m) => m.applicationId).sort()).toEqual([stays.applicationId, joins.applicationId].sort());
    expect(second.body.generatedAt > first.body.generatedAt).toBe(true);
    const rows = fx.db.prepare('select application_id, created_at from shortlist_entries where job_role_id = ?').all(roleId) as Array<{ application_id: string; created_at: string }>;
    expect(rows.map((r) => r.application_id).sort()).toEqual([stays.applicationId, joins.applicationId].sort());
    expect(new Set(rows.map((r) => r.created_at))).toEqual(new Set([second.body.generatedAt]));
    // Same data, same score: the application that stayed keeps its version.
    expect((fx.db.prepare('select version from applications where id = ?').get(stays.applicationId) as { version: number }).version).toBe(2);
  });

  it('answers with the first page of the new list, in the shape of the read; the rest is read through GET', async () => {
    const roleId = insertRole(fx.db, fx.orgA);
    const applicants = Array.from({ length: 27 }, (_, i) => insertApplicant(fx.db, roleId, { skills: ['TypeScript', 'Azure', 'SQL'].slice(0, 1 + (i % 3)), jobs: backend(1 + (i % 9)) }));
    const post = (json: Record<string, unknown>) => api<ShortlistBody>('/api/generate-shortlist', { method: 'POST', token: fx.tokens.recruiter, json: { roleId, ...json }, headers: { 'x-forwarded-for': freshIp() } });

    const byDefault = await post({});
    expect(byDefault.status).toBe(200);
    expect(byDefault.body.matches.map((m) => m.rank)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(byDefault.body.next_cursor).toEqual(expect.any(String));

    const small = await post({ limit: 4 });
    expect(small.body.matches.map((m) => m.rank)).toEqual([1, 2, 3, 4]);
    const rest = await readStored(fx.tokens.viewer, roleId, `?limit=100&cursor=${encodeURIComponent(small.body.next_cursor ?? '')}`);
    expect(rest.body.matches.map((m) => m.rank)).toEqual(Array.from({ length: 23 }, (_, i) => i + 5));
    expect(rest.body.next_cursor).toBeNull();
    expect([...small.body.matches, ...rest.body.matches].map((m) => m.applicationId).sort()).toEqual(applicants.map((a) => a.applicationId).sort());
    expect(rest.body).toMatchObject({ roleTitle: small.body.roleTitle, provider: small.body.provider, generatedAt: small.body.generatedAt });

    for (const limit of [0, 101, 'ten']) expect(expectProblem(await post({ limit }), 400).errors).toEqual([expect.objectContaining({ path: 'limit' })]);
  });

  it('validates the body with field paths', async () => {
    const missing = await api('/api/generate-shortlist', { method: 'POST', token: fx.tokens.admin, json: {}, headers: { 'x-forwarded-for': freshIp() } });
    expect(expectProblem(missing, 400).errors).toEqual([expect.objectContaining({ path: 'roleId' })]);
    const malformed = await api('/api/generate-shortlist', { method: 'POST', token: fx.tokens.admin, json: { roleId: 'not-a-uuid', extra: 1 }, headers: { 'x-forwarded-for': freshIp() } });
    expect(expectProblem(malformed, 400).errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'roleId' })]));
  });

  it('lets admins, recruiters and hiring managers run it, not viewers; other organisations and candidates get 404', async () => {
    const roleId = insertRole(fx.db, fx.orgA);
    insertApplicant(fx.db, roleId, { skills: ['SQL'] });
    expect((await generate(fx.tokens.hiringManager, roleId)).status).toBe(200);
    expectProblem(await generate(fx.tokens.viewer, roleId), 403);
    expectProblem(await generate(fx.tokens.otherOrgAdmin, roleId), 404);
    expectProblem(await generate(fx.tokens.candidateOwner, roleId), 404);
    expectProblem(await generate(fx.tokens.admin, '6f1c1a52-8d0e-4c3f-9a59-2a3b4c5d6e7f'), 404);
  });
});

describe('GET /api/job-roles/{roleId}/shortlist', () => {
  it('returns the stored list without a model call, to any member of the organisation, and audits the read', async () => {
    const roleId = insertRole(fx.db, fx.orgA);
    insertApplicant(fx.db, roleId, { skills: ['TypeScript', 'SQL'], jobs: backend(4) });
    insertApplicant(fx.db, roleId, { skills: ['Azure'], jobs: backend(1) });
    expectProblem(await readStored(fx.tokens.viewer, roleId), 404);
    const generated = await generate(fx.tokens.recruiter, roleId);
    const usage = () => (fx.db.prepare(`select count(*) as n from ai_usage where task = 'rank-candidates' and organisation_id = ?`).get(fx.orgA) as { n: number }).n;
    const before = usage();
    const stored = await readStored(fx.tokens.viewer, roleId);
    expect(stored.status).toBe(200);
    expect(stored.body).toEqual({ ...generated.body, next_cursor: null });
    expect(usage()).toBe(before);
    const audit = fx.db.prepare(`select new_values from audit_log where action = 'shortlist_viewed' and entity_id = ? and user_id = ?`).get(roleId, fx.userIds.viewer) as { new_values: string };
    expect(JSON.parse(audit.new_values)).toEqual({ entries: 2, from_rank: 1 });
  });

  it('is not found for other organisations and candidates, and for a role never shortlisted', async () => {
    const roleId = insertRole(fx.db, fx.orgA);
    insertApplicant(fx.db, roleId, { skills: ['SQL'] });
    await generate(fx.tokens.admin, roleId);
    expectProblem(await readStored(fx.tokens.otherOrgAdmin, roleId), 404);
    expectProblem(await readStored(fx.tokens.candidateOwner, roleId), 404);
    expectProblem(await readStored(fx.tokens.admin, insertRole(fx.db, fx.orgA)), 404);
  });
});
