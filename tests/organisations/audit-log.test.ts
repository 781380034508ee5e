import { api, expectProblem } from '../support/api';
import { addMembership, nextMillisecond, organisationWithAdmin, signIn } from './helpers';

interface Entry {
  id: string;
  user_id: string | null;
  organisation_id: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  old_values: Record<string, unknown> | null;
  new_values: Record<string, unknown> | null;
  created_at: string;
}
interface Page {
  items: Entry[];
  next_cursor: string | null;
}

const logPath = (organisationId: string, query = '') => `/api/organisations/${organisationId}/audit-log${query}`;

/** An organisation with a history: created, renamed twice, a member invited by a second admin. */
async function organisationWithHistory() {
  const { admin, organisationId } = await organisationWithAdmin();
  const deputy = await signIn('deputy');
  addMembership(organisationId, deputy.userId, 'admin');
  for (const [version, industry] of [['"1"', 'Retail'], ['"2"', 'Mining']] as const) {
    await nextMillisecond();
    const response = await api(`/api/organisations/${organisationId}`, { method: 'PATCH', token: admin.token, json: { industry }, headers: { 'if-match': version } });
    expect(response.status).toBe(200);
  }
  const newcomer = await signIn('newcomer');
  await nextMillisecond();
  const added = await api(`/api/organisations/${organisationId}/members`, { method: 'POST', token: deputy.token, json: { email: newcomer.email, role: 'viewer' } });
  expect(added.status).toBe(202);
  return { admin, deputy, organisationId };
}

describe('GET /api/organisations/{organisationId}/audit-log', () => {
  it("returns the organisation's rows newest first", async () => {
    const { organisationId, admin } = await organisationWithHistory();
    const response = await api<Page>(logPath(organisationId), { token: admin.token });
    expect(response.status).toBe(200);
    expect(response.body.items.map((e) => e.action)).toEqual(['member_invited', 'organisation_updated', 'organisation_updated', 'organisation_created']);
    expect(response.body.items.every((e) => e.organisation_id === organisationId)).toBe(true);
    expect(response.body.items[1]).toMatchObject({ old_values: { industry: 'Retail' }, new_values: { industry: 'Mining' } });
    expect(response.body.next_cursor).toBeNull();
  });

  it('filters by action, entity type, user and time', async () => {
    const { organisationId, admin, deputy } = await organisationWithHistory();
    const get = async (query: string) => (await api<Page>(logPath(organisationId, query), { token: admin.token })).body.items;
    expect((await get('?action=organisation_updated')).map((e) => e.new_values)).toEqual([{ industry: 'Mining' }, { industry: 'Retail' }]);
    expect((await get('?entity_type=member_invitation')).map((e) => e.action)).toEqual(['member_invited']);
    expect((await get(`?user_id=${deputy.userId}`)).map((e) => e.action)).toEqual(['member_invited']);
    const all = await get('');
    const oldest = all[all.length - 1]?.created_at ?? '';
    const newest = all[0]?.created_at ?? '';
    expect((await get(`?to=${encodeURIComponent(oldest)}`))).toEqual([]);
    expect((await get(`?from=${encodeURIComponent(newest)}`)).map((e) => e.id)).toContain(all[0]?.id);
    expect(await get(`?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual([]);
  });

  it('pages with a cursor without gaps or repeats', async () => {
    const { organisationId, admin } = await organisationWithHistory();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const page: Page = (await api<Page>(logPath(organisationId, query), { token: admin.token })).body;
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.next_cursor;
    } while (cursor);
    const all = (await api<Page>(logPath(organisationId), { token: admin.token })).body.items.map((e) => e.id);
    expect(seen).toEqual(all);
  });

  it("never shows another organisation's rows or candidates' own actions", async () => {
    const mine = await organisationWithHistory();
    const theirs = await organisationWithHistory();
    const candidate = await signIn('candidate');
    expect((await api('/api/candidate/practice-interviews', { method: 'POST', token: candidate.token, json: { sample_role_type: 'nurse' } })).status).toBe(201);
    const items = (await api<Page>(logPath(mine.organisationId, '?limit=100'), { token: mine.admin.token })).body.items;
    expect(items.some((e) => e.organisation_id !== mine.organisationId)).toBe(false);
    expect(JSON.stringify(items)).not.toContain(theirs.organisationId);
    expectProblem(await api(logPath(theirs.organisationId), { token: mine.admin.token }), 404);
  });

  it('is for admins, and validates its filters', async () => {
    const { organisationId, admin } = await organisationWithAdmin();
    const recruiter = await signIn('recruiter');
    addMembership(organisationId, recruiter.userId, 'recruiter');
    expectProblem(await api(logPath(organisationId), { token: recruiter.token }), 403);
    expectProblem(await api(logPath(organisationId)), 401);
    const bad = expectProblem(await api(logPath(organisationId, '?user_id=someone&from=yesterday&colour=red'), { token: admin.token }), 400);
    expect((bad.errors as Array<{ path: string }>).map((e) => e.path).sort()).toEqual(['(root)', 'from', 'user_id']);
  });
});
