import { api, expectProblem } from '../../support/api';
import { auditRowsFor, nextMillisecond, signIn } from '../../organisations/helpers';

interface PracticeInterview {
  id: string;
  user_id: string;
  sample_role_type: string;
  status: string;
  feedback: Record<string, unknown>;
  created_at: string;
}
interface Page {
  items: PracticeInterview[];
  next_cursor: string | null;
}

const PATH = '/api/candidate/practice-interviews';

function create(token: string, json: unknown = { sample_role_type: 'software_engineer' }) {
  return api<{ practice_interview: PracticeInterview }>(PATH, { method: 'POST', token, json });
}

describe('POST /api/candidate/practice-interviews', () => {
  it("creates a not-started practice interview owned by the caller and audits it under no organisation", async () => {
    const candidate = await signIn('candidate');
    const response = await create(candidate.token, { sample_role_type: '  data_analyst ' });
    expect(response.status).toBe(201);
    expect(response.body.practice_interview).toMatchObject({
      user_id: candidate.userId,
      sample_role_type: 'data_analyst',
      status: 'not_started',
      started_at: null,
      ended_at: null,
      duration_seconds: null,
      feedback: {},
    });
    const audit = auditRowsFor(response.body.practice_interview.id);
    expect(audit).toEqual([
      expect.objectContaining({ action: 'practice_interview_created', entity_type: 'practice_interview', user_id: candidate.userId, organisation_id: null }),
    ]);
    expect(JSON.parse(audit[0]?.new_values ?? '{}')).toEqual({ sample_role_type: 'data_analyst' });
  });

  it.each([
    ['a missing role type', {}, 'sample_role_type'],
    ['a blank role type', { sample_role_type: '   ' }, 'sample_role_type'],
    ['a role type too long', { sample_role_type: 'x'.repeat(101) }, 'sample_role_type'],
    ['another user id', { sample_role_type: 'nurse', user_id: '00000000-0000-4000-8000-000000000000' }, '(root)'],
  ])('answers 400 for %s', async (_case, body, path) => {
    const candidate = await signIn('candidate');
    const problem = expectProblem(await create(candidate.token, body), 400);
    expect((problem.errors as Array<{ path: string }>).map((e) => e.path)).toEqual([path]);
    expect((await api<Page>(PATH, { token: candidate.token })).body.items).toEqual([]);
  });

  it('refuses anonymous callers', async () => {
    expectProblem(await api(PATH, { method: 'POST', json: { sample_role_type: 'nurse' } }), 401);
  });
});

describe('GET /api/candidate/practice-interviews', () => {
  it("lists only the caller's own, newest first, a page at a time", async () => {
    const candidate = await signIn('candidate');
    const other = await signIn('other');
    const ids: string[] = [];
    for (const type of ['first', 'second', 'third']) {
      await nextMillisecond();
      ids.push((await create(candidate.token, { sample_role_type: type })).body.practice_interview.id);
    }
    await create(other.token);

    const first = await api<Page>(`${PATH}?limit=2`, { token: candidate.token });
    expect(first.status).toBe(200);
    expect(first.body.items.map((p) => p.sample_role_type)).toEqual(['third', 'second']);
    const second = await api<Page>(`${PATH}?limit=2&cursor=${first.body.next_cursor}`, { token: candidate.token });
    expect(second.body.items.map((p) => p.sample_role_type)).toEqual(['first']);
    expect(second.body.next_cursor).toBeNull();
    expect([...first.body.items, ...second.body.items].every((p) => p.user_id === candidate.userId)).toBe(true);

    const others = await api<Page>(PATH, { token: other.token });
    expect(others.body.items).toHaveLength(1);
    expect(JSON.stringify(others.body)).not.toMatch(new RegExp(ids.join('|')));
  });

  it('refuses anonymous callers and unknown query parameters', async () => {
    expectProblem(await api(PATH), 401);
    const candidate = await signIn('candidate');
    expectProblem(await api(`${PATH}?user_id=${candidate.userId}`, { token: candidate.token }), 400);
  });
});
