import { api, chooseOrganisationAccount, createOrganisation, expectProblem, openDatabase, tokenFor, uniqueEmail } from '../support/api';

interface Organisation {
  id: string;
  name: string;
  website: string | null;
  created_by: string;
}

function countRows(table: string, where: string, ...params: unknown[]): number {
  const db = openDatabase();
  try {
    return (db.prepare(`select count(*) as n from ${table} where ${where}`).get(...params) as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('POST /api/create-organisation', () => {
  it('creates the organisation, the caller as admin and an audit row', async () => {
    const token = await tokenFor(uniqueEmail('founder'));
    await chooseOrganisationAccount(token);
    const response = await api<{ organisation: Organisation }>('/api/create-organisation', {
      method: 'POST',
      token,
      json: { name: '  Kangaroo   Labs ', industry: 'Software', website: 'https://kangaroo.example.au', billing_email: 'ap@kangaroo.example.au' },
    });
    expect(response.status).toBe(201);
    const { organisation } = response.body;
    expect(organisation).toMatchObject({ name: 'Kangaroo   Labs', industry: 'Software', recording_retention_days: 60 });

    const me = await api<{ user: { id: string }; memberships: Array<{ organisation_id: string; role: string }> }>('/api/me', { token });
    expect(me.body.memberships).toEqual([expect.objectContaining({ organisation_id: organisation.id, role: 'admin' })]);
    expect(organisation.created_by).toBe(me.body.user.id);

    const db = openDatabase();
    const audit = db.prepare('select * from audit_log where entity_id = ?').all(organisation.id) as Array<Record<string, string>>;
    db.close();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'organisation_created', entity_type: 'organisation', user_id: me.body.user.id });
    expect(JSON.parse(audit[0]?.new_values ?? '{}')).toEqual({ name: 'Kangaroo   Labs', industry: 'Software' });
  });

  it.each([
    ['a missing name', { industry: 'Retail' }],
    ['a blank name', { name: '   ' }],
    ['a name that is not a string', { name: 42 }],
    ['an unknown field', { name: 'Fine', owner: 'someone-else' }],
    ['a bad website', { name: 'Fine', website: 'javascript:alert(1)' }],
    ['a bad billing email', { name: 'Fine', billing_email: 'not-an-email' }],
    ['a name too long', { name: 'x'.repeat(201) }],
  ])('answers 400 with field errors for %s and writes nothing', async (_case, body) => {
    const email = uniqueEmail('invalid');
    const response = await api('/api/create-organisation', { method: 'POST', token: await tokenFor(email), json: body });
    const problem = expectProblem(response, 400);
    expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.any(String), message: expect.any(String) })]));
    expect(countRows('org_users ou join users u on u.id = ou.user_id', 'u.email = ?', email)).toBe(0);
  });

  it('names the field when the name is missing, as the original did', async () => {
    const response = await api('/api/create-organisation', { method: 'POST', token: await tokenFor(uniqueEmail()), json: {} });
    expect(expectProblem(response, 400).errors).toEqual([{ path: 'name', message: 'Organisation name is required' }]);
  });

  it('refuses anonymous callers', async () => {
    const response = await api('/api/create-organisation', { method: 'POST', json: { name: 'Anon Pty Ltd' } });
    expectProblem(response, 401);
    expect(countRows('organisations', 'name = ?', 'Anon Pty Ltd')).toBe(0);
  });

  it('leaves nothing behind when a step after the organisation insert fails', async () => {
    const email = uniqueEmail('rollback');
    const token = await tokenFor(email);
    await chooseOrganisationAccount(token);
    const name = `Rollback ${Date.now()}`;
    const db = openDatabase();
    // A real failure inside the transaction: the audit insert for this one name is refused by the database.
    db.exec(`create trigger fail_audit before insert on audit_log when json_extract(new.new_values, '$.name') = '${name}'
             begin select raise(abort, 'injected failure'); end`);
    try {
      const response = await api('/api/create-organisation', { method: 'POST', token, json: { name } });
      const problem = expectProblem(response, 500);
      expect(problem.detail).not.toMatch(/injected|sqlite|trigger/i);
    } finally {
      db.exec('drop trigger fail_audit');
      db.close();
    }
    expect(countRows('organisations', 'name = ?', name)).toBe(0);
    expect(countRows('org_users ou join users u on u.id = ou.user_id', 'u.email = ?', email)).toBe(0);
    // and the same request succeeds once the fault is gone
    expect((await createOrganisation(token, name)).name).toBe(name);
  });

  it('creates one organisation from concurrent duplicate requests; the others get 409', async () => {
    const token = await tokenFor(uniqueEmail('double-click'));
    await chooseOrganisationAccount(token);
    const name = `Concurrent ${Date.now()}`;
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => api('/api/create-organisation', { method: 'POST', token, json: { name } })),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    responses.filter((r) => r.status === 409).forEach((r) => expectProblem(r, 409));
    expect(countRows('organisations', 'name = ?', name)).toBe(1);
  });

  it('lets two different users each create an organisation of the same name', async () => {
    const name = `Common Name ${Date.now()}`;
    await createOrganisation(await tokenFor(uniqueEmail('a')), name);
    await createOrganisation(await tokenFor(uniqueEmail('b')), name);
    expect(countRows('organisations', 'name = ?', name)).toBe(2);
  });
});

describe('tenancy', () => {
  it("shows a user only their own organisations, never another organisation's", async () => {
    const alice = await tokenFor(uniqueEmail('alice'));
    const bob = await tokenFor(uniqueEmail('bob'));
    const aliceOrg = await createOrganisation(alice);
    const bobOrg = await createOrganisation(bob);
    const aliceMe = await api<{ memberships: Array<{ organisation_id: string }> }>('/api/me', { token: alice });
    const bobMe = await api<{ memberships: Array<{ organisation_id: string }> }>('/api/me', { token: bob });
    expect(aliceMe.body.memberships.map((m) => m.organisation_id)).toEqual([aliceOrg.id]);
    expect(bobMe.body.memberships.map((m) => m.organisation_id)).toEqual([bobOrg.id]);
    expect(JSON.stringify(bobMe.body)).not.toContain(aliceOrg.id);
  });
});
