import { api, expectProblem } from '../support/api';
import { buildFixture, type Fixture } from '../matrix/fixture';
import { backend, generate, insertApplicant, insertRole, readAllPages, readStored, yearsAgo } from './world';

/** GET /api/job-roles/{roleId}/shortlist reads what the run stored, a page at a time, and never ranks again. */
let fx: Fixture;
beforeAll(async () => {
  fx = await buildFixture();
}, 60_000);
afterAll(() => fx.db.close());

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('paging the stored shortlist', () => {
  it('lists every entry exactly once across pages, in rank order, with equal scores in application id order', async () => {
    const roleId = insertRole(fx.db, fx.orgA);
    const twin = { skills: ['TypeScript', 'Azure'], jobs: backend(3) };
    const twins = [insertApplicant(fx.db, roleId, twin), insertApplicant(fx.db, roleId, twin), insertApplicant(fx.db, roleId, twin)];
    const best = insertApplicant(fx.db, roleId, { skills: ['TypeScript', 'Azure', 'SQL'], jobs: backend(8) });
    const others = [insertApplicant(fx.db, roleId, { skills: ['SQL'], jobs: backend(1) }), insertApplicant(fx.db, roleId, { skills: ['Excel'] }), insertApplicant(fx.db, roleId, { profile: null })];
    const generated = await generate(fx.tokens.recruiter, roleId);
    expect(generated.status).toBe(200);

    const pages = await readAllPages(fx.tokens.viewer, roleId, 3);
    expect(pages.map((p) => p.matches.length)).toEqual([3, 3, 1]);
    expect(pages.map((p) => p.next_cursor === null)).toEqual([false, false, true]);
    const listed = pages.flatMap((p) => p.matches);
    expect(listed.map((m) => m.rank)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(listed.map((m) => m.applicationId)).toEqual(generated.body.matches.map((m) => m.applicationId));
    expect(new Set(listed.map((m) => m.applicationId))).toEqual(new Set([...twins, best, ...others].map((a) => a.applicationId)));
    expect(listed[0]?.applicationId).toBe(best.applicationId);
    // The three identical applicants score the same and list by application id, on every read.
    const twinIds = twins.map((t) => t.applicationId);
    const twinOrder = listed.filter((m) => twinIds.includes(m.applicationId));
    expect(new Set(twinOrder.map((m) => m.matchScore)).size).toBe(1);
    expect(twinOrder.map((m) => m.applicationId)).toEqual([...twinIds].sort());
    for (const page of pages) expect(page).toMatchObject({ roleTitle: 'Backend Engineer', provider: 'offline', promptVersion: 'rank-candidates/v1', generatedAt: generated.body.generatedAt });
    const again = await readStored(fx.tokens.viewer, roleId, `?limit=3&cursor=${pages[0]?.next_cursor}`);
    expect(again.body.matches).toEqual(pages[1]?.matches);
  });

  it('refuses a cursor it did not issue and a limit out of range, as 400 problems', async () => {
    const roleId = insertRole(fx.db, fx.orgA);
    insertApplicant(fx.db, roleId, { skills: ['SQL'] });
    await generate(fx.tokens.admin, roleId);
    for (const cursor of ['not-a-cursor', cursorOf({ value: '2026-01-01T00:00:00.000Z', id: roleId }), cursorOf({ value: 3, id: 'x' }), cursorOf({ value: -1, id: roleId })]) {
      expect(expectProblem(await readStored(fx.tokens.admin, roleId, `?cursor=${cursor}`), 400).errors).toEqual([expect.objectContaining({ path: 'cursor' })]);
    }
    expect(expectProblem(await readStored(fx.tokens.admin, roleId, '?limit=0'), 400).errors).toEqual([expect.objectContaining({ path: 'limit' })]);
    expect(expectProblem(await readStored(fx.tokens.admin, roleId, '?limit=101'), 400).errors).toEqual([expect.objectContaining({ path: 'limit' })]);
    expectProblem(await readStored(fx.tokens.admin, roleId, '?sort=rank'), 400);
  });

  it('is not found for another organisation, with or without a cursor', async () => {
    const roleId = insertRole(fx.db, fx.orgA);
    insertApplicant(fx.db, roleId, { skills: ['SQL'] });
    insertApplicant(fx.db, roleId, { skills: ['Azure'] });
    await generate(fx.tokens.admin, roleId);
    const first = await readStored(fx.tokens.admin, roleId, '?limit=1');
    expect(first.body.next_cursor).toEqual(expect.any(String));
    expectProblem(await readStored(fx.tokens.otherOrgAdmin, roleId), 404);
    expectProblem(await readStored(fx.tokens.otherOrgAdmin, roleId, `?limit=1&cursor=${first.body.next_cursor}`), 404);
  });

  it('shows the new run after a re-generation: the old entries are gone, the new ones ranked afresh', async () => {
    const roleId = insertRole(fx.db, fx.orgA);
    const stays = insertApplicant(fx.db, roleId, { skills: ['TypeScript'], jobs: backend(3) });
    const leaves = insertApplicant(fx.db, roleId, { skills: ['TypeScript', 'Azure', 'SQL'], jobs: backend(9) });
    await generate(fx.tokens.admin, roleId);
    expect((await readAllPages(fx.tokens.admin, roleId, 1)).flatMap((p) => p.matches.map((m) => m.applicationId))).toEqual([leaves.applicationId, stays.applicationId]);

    fx.db.prepare('delete from applications where id = ?').run(leaves.applicationId);
    const joins = insertApplicant(fx.db, roleId, { skills: ['Excel'] });
    const second = await generate(fx.tokens.admin, roleId);
    const listed = (await readAllPages(fx.tokens.admin, roleId, 1)).flatMap((p) => p.matches);
    expect(listed.map((m) => m.applicationId)).toEqual([stays.applicationId, joins.applicationId]);
    expect(listed.map((m) => m.rank)).toEqual([1, 2]);
    expect((await readStored(fx.tokens.admin, roleId)).body.generatedAt).toBe(second.body.generatedAt);
    expect(fx.db.prepare('select count(*) as n from shortlist_entries where job_role_id = ?').get(roleId)).toEqual({ n: 2 });
  });
});

describe('the stored view', () => {
  it('answers from what the run stored: later changes to the role and profiles do not re-rank or re-score it', async () => {
    const roleId = insertRole(fx.db, fx.orgA, { skills: ['TypeScript', 'Azure', 'SQL'] });
    const strong = insertApplicant(fx.db, roleId, { skills: ['TypeScript', 'Azure', 'SQL'], jobs: backend(6) });
    const weak = insertApplicant(fx.db, roleId, { skills: ['Excel'], jobs: [{ title: 'Chef', start: yearsAgo(2), current: true }] });
    const generated = await generate(fx.tokens.recruiter, roleId);

    // Were the read to score again, the weak applicant would now come first and the strong one lose its skills.
    fx.db.prepare('update job_roles set requirements = ? where id = ?').run(JSON.stringify({ skills: ['Excel', 'Cooking'] }), roleId);
    fx.db.prepare('delete from candidate_skills where user_id = ?').run(strong.userId);
    fx.db.prepare('delete from employment_history where user_id = ?').run(strong.userId);
    const stored = await readStored(fx.tokens.viewer, roleId);
    expect(stored.body.matches).toEqual(generated.body.matches);
    expect(stored.body.matches.map((m) => m.applicationId)).toEqual([strong.applicationId, weak.applicationId]);
    expect(stored.body.matches[0]).toMatchObject({ skills: ['TypeScript', 'Azure', 'SQL'], experience: expect.stringMatching(/^6 years relevant/) });

    // The read follows the stored ranks, whatever the scores say.
    fx.db.prepare('update shortlist_entries set rank = case application_id when ? then 2 else 1 end where job_role_id = ?').run(strong.applicationId, roleId);
    expect((await readStored(fx.tokens.viewer, roleId)).body.matches.map((m) => m.applicationId)).toEqual([weak.applicationId, strong.applicationId]);
  });

  it('leaves out a section the candidate hid after the run, and a whole profile hidden since', async () => {
    const roleId = insertRole(fx.db, fx.orgA);
    const spec = { skills: ['TypeScript', 'Azure'], jobs: backend(4) };
    const hidesLater = insertApplicant(fx.db, roleId, spec);
    const goesHidden = insertApplicant(fx.db, roleId, spec);
    const generated = await generate(fx.tokens.recruiter, roleId);
    const before = generated.body.matches.find((m) => m.applicationId === hidesLater.applicationId);
    expect(before).toMatchObject({ skills: ['TypeScript', 'Azure'], location: 'Newtown, NSW', experience: expect.stringMatching(/^4 years relevant/) });

    fx.db.prepare('update candidate_profiles set visibility_settings = ? where user_id = ?').run(JSON.stringify({ employment: false, location: false }), hidesLater.userId);
    fx.db.prepare(`update candidate_profiles set profile_visibility = 'hidden' where user_id = ?`).run(goesHidden.userId);
    const stored = await readStored(fx.tokens.recruiter, roleId);
    const byId = new Map(stored.body.matches.map((m) => [m.applicationId, m]));
    expect(byId.get(hidesLater.applicationId)).toMatchObject({ skills: [], experience: null, location: null, workMode: 'hybrid', matchScore: before?.matchScore });
    expect(byId.get(goesHidden.applicationId)).toMatchObject({ skills: [], experience: null, location: null, workMode: null, availability: null });
  });
});

it('answers 401 without a token', async () => {
  expectProblem(await api(`/api/job-roles/${insertRole(fx.db, fx.orgA)}/shortlist?limit=5`), 401);
});
