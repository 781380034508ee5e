import { randomUUID } from 'node:crypto';
import { api, expectProblem } from '../support/api';
import { changeRoleStatus, createRole, fieldPaths, staffWorld, type JobRoleBody, type StaffWorld } from './staff-world';

interface Page {
  items: JobRoleBody[];
  next_cursor: string | null;
}

let world: StaffWorld;
let roles: JobRoleBody[];
beforeAll(async () => {
  world = await staffWorld();
  roles = [];
  for (const title of ['Data Engineer', 'Senior DATA Analyst', 'Nurse', '100% Remote Tester', 'Under_score Role']) {
    roles.push(await createRole(world.tokens.recruiter, world.organisationId, { title }));
  }
  await changeRoleStatus(world.tokens.recruiter, roles[0] as JobRoleBody, 'active');
  await changeRoleStatus(world.tokens.recruiter, roles[2] as JobRoleBody, 'active');
});

const list = (query = '', token = world.tokens.viewer) =>
  api<Page>(`/api/organisations/${world.organisationId}/job-roles${query}`, { token });

describe('GET /api/organisations/{organisationId}/job-roles', () => {
  it('lists the roles newest first for any member', async () => {
    const response = await list();
    expect(response.status).toBe(200);
    expect(response.body.items.map((r) => r.title)).toEqual(roles.map((r) => r.title).reverse());
    expect(response.body.next_cursor).toBeNull();
  });

  it('filters by status', async () => {
    const response = await list('?status=active');
    expect(response.body.items.map((r) => r.title).sort()).toEqual(['Data Engineer', 'Nurse']);
    expect((await list('?status=closed')).body.items).toEqual([]);
  });

  it('searches the title case-insensitively, with % and _ taken literally', async () => {
    expect((await list('?q=data')).body.items.map((r) => r.title).sort()).toEqual(['Data Engineer', 'Senior DATA Analyst']);
    expect((await list(`?q=${encodeURIComponent('100%')}`)).body.items.map((r) => r.title)).toEqual(['100% Remote Tester']);
    expect((await list(`?q=${encodeURIComponent('%')}`)).body.items.map((r) => r.title)).toEqual(['100% Remote Tester']);
    expect((await list('?q=e_g')).body.items).toEqual([]); // as a wildcard, _ would find "Engineer"
    expect((await list('?q=der_sc')).body.items.map((r) => r.title)).toEqual(['Under_score Role']);
    expect((await list('?q=')).body.items).toHaveLength(roles.length);
  });

  it('pages with a cursor, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page: Page = (await list(query)).body;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((r) => r.id));
      cursor = page.next_cursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(roles.map((r) => r.id).reverse());
  });

  it('keeps the filters across pages', async () => {
    const first = (await list('?status=active&limit=1')).body;
    expect(first.next_cursor).not.toBeNull();
    const second = (await list(`?status=active&limit=1&cursor=${encodeURIComponent(first.next_cursor as string)}`)).body;
    expect([...first.items, ...second.items].map((r) => r.title)).toEqual(['Nurse', 'Data Engineer']);
    expect(second.next_cursor).toBeNull();
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['status=open', 'status'],
    [`q=${'x'.repeat(101)}`, 'q'],
    ['cursor=not-a-cursor', 'cursor'],
    [`cursor=${Buffer.from(JSON.stringify({ value: 'yesterday', id: 'x' })).toString('base64url')}`, 'cursor'],
    ['sort=title', '(root)'],
  ])('answers 400 for %s', async (query, path) => {
    const response = await list(`?${query}`);
    expectProblem(response, 400);
    expect(fieldPaths(response)).toContain(path);
  });

  it('answers 404 to non-members and for unknown organisations', async () => {
    expectProblem(await list('', world.tokens.otherOrgAdmin), 404);
    expectProblem(await api(`/api/organisations/${randomUUID()}/job-roles`, { token: world.tokens.admin }), 404);
  });
});
