import { randomUUID } from 'node:crypto';
import { buildFixture, type Fixture } from '../matrix/fixture';
import { api, expectProblem } from '../support/api';
import { suppressSmallGroups } from '../../shared/candidates/dei-summary';
import { apply, auditRows, insertRole, newCandidate, signIn } from './world';

interface Dei {
  gender: string | null;
  ethnicity: string | null;
  disability_status: string | null;
  veteran_status: string | null;
  version: number;
}

interface FieldSummary {
  respondents: number | null;
  groups: Array<{ value: string; count: number }>;
  suppressed_count: number | null;
}

let fx: Fixture;
beforeAll(async () => {
  fx = await buildFixture();
}, 60_000);
afterAll(() => fx.db.close());

const putDei = (token: string, json: unknown, etag?: string) =>
  api<{ dei: Dei }>('/api/candidate/dei', { method: 'PUT', token, json, headers: etag ? { 'if-match': etag } : {} });

describe('the candidate\'s own DEI answers', () => {
  it('are created without If-Match, read back with an ETag, and replaced with If-Match (answers left out are withdrawn)', async () => {
    const candidate = await newCandidate();
    expectProblem(await api('/api/candidate/dei', { token: candidate.token }), 404);

    const created = await putDei(candidate.token, { gender: 'woman', ethnicity: 'Vietnamese', disability_status: 'no' });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body.dei).toMatchObject({ gender: 'woman', ethnicity: 'Vietnamese', disability_status: 'no', veteran_status: null });

    const read = await api<{ dei: Dei }>('/api/candidate/dei', { token: candidate.token });
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(read.headers.get('cache-control')).toBe('no-store');
    expect(read.body.dei).toEqual(created.body.dei);

    expectProblem(await putDei(candidate.token, { gender: 'man' }), 428);
    expectProblem(await putDei(candidate.token, { gender: 'man' }, '"9"'), 412);
    const replaced = await putDei(candidate.token, { gender: 'prefer not to say' }, '"1"');
    expect(replaced.status).toBe(200);
    expect(replaced.headers.get('etag')).toBe('"2"');
    expect(replaced.body.dei).toMatchObject({ gender: 'prefer not to say', ethnicity: null, disability_status: null, version: 2 });
  });

  it('are audited as changed, with no answer (or question) in the log', async () => {
    const candidate = await newCandidate();
    await putDei(candidate.token, { gender: 'non-binary', veteran_status: 'veteran' });
    await putDei(candidate.token, { gender: 'non-binary', veteran_status: 'veteran' }, '"1"'); // same answers: no write
    await putDei(candidate.token, { gender: 'agender' }, '"1"');
    await api('/api/candidate/dei', { method: 'DELETE', token: candidate.token });

    const updates = auditRows(fx.db, candidate.userId, 'dei_updated');
    expect(updates).toHaveLength(2);
    const removals = auditRows(fx.db, candidate.userId, 'dei_removed');
    expect(removals).toHaveLength(1);
    for (const row of [...updates, ...removals]) expect(row).toMatchObject({ entity_type: 'candidate_dei', organisation_id: null, old_values: null, new_values: null });
    const everything = JSON.stringify(fx.db.prepare('select * from audit_log where user_id = ?').all(candidate.userId));
    expect(everything).not.toMatch(/non-binary|agender|veteran"|gender/);
  });

  it('are deleted on request (204); reading or deleting again is 404', async () => {
    const candidate = await newCandidate();
    await putDei(candidate.token, { gender: 'man' });
    const deleted = await api('/api/candidate/dei', { method: 'DELETE', token: candidate.token });
    expect(deleted.status).toBe(204);
    expectProblem(await api('/api/candidate/dei', { token: candidate.token }), 404);
    expectProblem(await api('/api/candidate/dei', { method: 'DELETE', token: candidate.token }), 404);
    expect(fx.db.prepare('select count(*) as n from candidate_dei where user_id = ?').get(candidate.userId)).toEqual({ n: 0 });
  });

  it('let one of two replacements based on the same version win; the other gets 412', async () => {
    const candidate = await newCandidate();
    await putDei(candidate.token, { gender: 'man' });
    const responses = await Promise.all(['woman', 'non-binary'].map((gender) => putDei(candidate.token, { gender }, '"1"')));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 412]);
  });

  it('need a candidate profile first (409) and valid answers (400)', async () => {
    const { token } = await signIn('staff');
    expectProblem(await putDei(token, { gender: 'man' }), 409);
    const candidate = await newCandidate();
    expect(expectProblem(await putDei(candidate.token, { religion: 'none' }), 400).errors).toEqual([expect.objectContaining({ path: '(root)' })]);
    expect(expectProblem(await putDei(candidate.token, { gender: 'x'.repeat(101) }), 400).errors).toEqual([expect.objectContaining({ path: 'gender' })]);
  });

  it('are never visible to staff: no endpoint gives them another person\'s row', async () => {
    const staffRead = await api('/api/candidate/dei', { token: fx.tokens.admin });
    expectProblem(staffRead, 404);
    expect(staffRead.text).not.toMatch(/woman|prefer not to say/);
  });
});

describe('GET /api/job-roles/{roleId}/dei-summary', () => {
  const GENDERS = ['woman', 'Woman', ' woman', 'woman', 'woman', 'woman', 'man', 'man', 'man', 'man', 'man', 'non-binary', 'non-binary'];
  let roleId: string;
  const applicantIds: string[] = [];

  beforeAll(async () => {
    roleId = insertRole(fx.db, fx.orgA, 'DEI summary role');
    for (const [i, gender] of GENDERS.entries()) {
      const candidate = await newCandidate({ first_name: `Applicant ${i}` });
      await putDei(candidate.token, {
        gender,
        ethnicity: i < 3 ? 'prefer not to say' : null,
        disability_status: i < 8 ? 'no' : 'yes',
      });
      apply(fx.db, candidate.userId, roleId);
      applicantIds.push(candidate.userId);
    }
    // An applicant who gave no answers, and someone with answers who applied to another role: neither counts.
    apply(fx.db, (await newCandidate()).userId, roleId);
    const elsewhere = await newCandidate();
    await putDei(elsewhere.token, { gender: 'non-binary', disability_status: 'yes' });
    apply(fx.db, elsewhere.userId, fx.roleA);
  }, 60_000);

  const summary = (token: string | undefined, id = roleId) =>
    api<{ job_role_id: string; minimum_group_size: number; fields: Record<string, FieldSummary> }>(`/api/job-roles/${id}/dei-summary`, { token });

  it('gives the admin counts per answer, folding small groups so none under 5 can be learned', async () => {
    const response = await summary(fx.tokens.admin);
    expect(response.status).toBe(200);
    expect(response.body.job_role_id).toBe(roleId);
    expect(response.body.minimum_group_size).toBe(5);
    // non-binary (2) alone would be derivable from the total, so "man" (5) is folded in with it
    expect(response.body.fields.gender).toEqual({ respondents: 13, groups: [{ value: 'woman', count: 6 }], suppressed_count: 7 });
    expect(response.body.fields.disability_status).toEqual({ respondents: 13, groups: [{ value: 'no', count: 8 }, { value: 'yes', count: 5 }], suppressed_count: 0 });
    // only three applicants answered: nothing at all is reported
    expect(response.body.fields.ethnicity).toEqual({ respondents: null, groups: [], suppressed_count: null });
    expect(response.body.fields.veteran_status).toEqual({ respondents: null, groups: [], suppressed_count: null });
  });

  it('never carries rows or candidate ids', async () => {
    const response = await summary(fx.tokens.admin);
    for (const id of applicantIds) expect(response.text).not.toContain(id);
    expect(response.text).not.toMatch(/user_id|candidate_id|Applicant/);
    for (const field of Object.values(response.body.fields)) {
      for (const group of field.groups) expect(group.count).toBeGreaterThanOrEqual(5);
      if (field.suppressed_count !== null && field.suppressed_count > 0) expect(field.suppressed_count).toBeGreaterThanOrEqual(5);
    }
  });

  it('is for admins of the role\'s organisation only', async () => {
    for (const persona of ['viewer', 'hiringManager', 'recruiter'] as const) expectProblem(await summary(fx.tokens[persona]), 403);
    for (const persona of ['otherOrgAdmin', 'candidateOwner', 'otherCandidate'] as const) expectProblem(await summary(fx.tokens[persona]), 404);
    expectProblem(await summary(fx.tokens.admin, fx.roleB), 404);
    expectProblem(await summary(fx.tokens.admin, randomUUID()), 404);
    expectProblem(await summary(undefined), 401);
  });

  it('reports nothing for a role with fewer than 5 respondents', async () => {
    const response = await summary(fx.tokens.admin, fx.roleA);
    expect(response.status).toBe(200);
    for (const field of Object.values(response.body.fields)) expect(field).toEqual({ respondents: null, groups: [], suppressed_count: null });
  });
});

describe('suppressSmallGroups', () => {
  const run = (counts: Record<string, number>) => suppressSmallGroups(Object.entries(counts).map(([value, count]) => ({ value, count })), 5);

  it.each([
    ['all groups large', { a: 9, b: 5 }, { respondents: 14, groups: [{ value: 'a', count: 9 }, { value: 'b', count: 5 }], suppressed_count: 0 }],
    ['small groups adding up to 5', { a: 10, b: 3, c: 2 }, { respondents: 15, groups: [{ value: 'a', count: 10 }], suppressed_count: 5 }],
    ['one small group: the next smallest is folded in', { a: 10, b: 6, c: 3 }, { respondents: 19, groups: [{ value: 'a', count: 10 }], suppressed_count: 9 }],
    ['ties: the later name is folded first', { a: 5, b: 5, c: 1 }, { respondents: 11, groups: [{ value: 'a', count: 5 }], suppressed_count: 6 }],
    ['everything folded', { a: 5, b: 1 }, { respondents: 6, groups: [], suppressed_count: 6 }],
    ['fewer than 5 in all', { a: 3, b: 1 }, { respondents: null, groups: [], suppressed_count: null }],
    ['no answers', {}, { respondents: null, groups: [], suppressed_count: null }],
    ['case and spaces merged', { Yes: 3, 'yes ': 2, no: 5 }, { respondents: 10, groups: [{ value: 'no', count: 5 }, { value: 'yes', count: 5 }], suppressed_count: 0 }],
  ])('%s', (_case, counts, expected) => {
    expect(run(counts)).toEqual(expected);
  });
});
