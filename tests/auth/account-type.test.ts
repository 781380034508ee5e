import { randomUUID } from 'node:crypto';
import { api, createOrganisation, expectProblem, openDatabase, tokenFor, uniqueEmail } from '../support/api';

interface Me {
  user: { id: string };
  kind: string;
  account_type: string | null;
}

const accountTypeOf = async (token: string) => (await api<Me>('/api/me', { token })).body.account_type;
const choose = (token: string, accountType: unknown) => api<{ account_type: string }>('/api/me/account-type', { method: 'PUT', token, json: { account_type: accountType } });
const createNamed = (token: string, name: string) => api('/api/create-organisation', { method: 'POST', token, json: { name } });

function organisationsNamed(name: string): number {
  const db = openDatabase();
  try {
    return (db.prepare('select count(*) as n from organisations where name = ?').get(name) as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('PUT /api/me/account-type and who may create an organisation', () => {
  it('is null until chosen; a candidate cannot create an organisation (403, nothing stored) nor choose again', async () => {
    const token = await tokenFor(uniqueEmail('chooser'));
    expect(await accountTypeOf(token)).toBeNull();

    const chosen = await choose(token, 'candidate');
    expect(chosen.status).toBe(200);
    expect(chosen.body).toEqual({ account_type: 'candidate' });
    expect(await accountTypeOf(token)).toBe('candidate');

    const name = `Refused ${randomUUID()}`;
    const refused = expectProblem(await createNamed(token, name), 403);
    expect(refused.detail).toMatch(/organisation accounts/);
    expect(organisationsNamed(name)).toBe(0);

    expect((await choose(token, 'candidate')).status).toBe(200);
    expectProblem(await choose(token, 'organisation'), 409);
    expect(await accountTypeOf(token)).toBe('candidate');
  });

  it('refuses a user who has not chosen yet with 403', async () => {
    const name = `Unchosen ${randomUUID()}`;
    expectProblem(await createNamed(await tokenFor(uniqueEmail('unchosen')), name), 403);
    expect(organisationsNamed(name)).toBe(0);
  });

  it('lets an organisation account create an organisation', async () => {
    const token = await tokenFor(uniqueEmail('founder'));
    expect((await choose(token, 'organisation')).body).toEqual({ account_type: 'organisation' });
    const name = `Chosen ${randomUUID()}`;
    expect((await createNamed(token, name)).status).toBe(201);
    expect(await accountTypeOf(token)).toBe('organisation');
  });

  it('counts someone who accepted a member invitation as an organisation user, who may create one of their own', async () => {
    const admin = await tokenFor(uniqueEmail('inviting-admin'));
    const organisation = await createOrganisation(admin);
    const email = uniqueEmail('invited-staff');
    const invited = await api<{ invitation: { id: string } }>(`/api/organisations/${organisation.id}/members`, { method: 'POST', token: admin, json: { email, role: 'recruiter' } });
    expect(invited.status).toBe(202);
    const invitee = await tokenFor(email);
    expect(await accountTypeOf(invitee)).toBeNull();
    expect((await api(`/api/me/organisation-invitations/${invited.body.invitation.id}/accept`, { method: 'POST', token: invitee })).status).toBe(201);

    expect(await accountTypeOf(invitee)).toBe('organisation');
    expect((await createNamed(invitee, `Second ${randomUUID()}`)).status).toBe(201);
    expectProblem(await choose(invitee, 'candidate'), 409);
  });

  it.each([[{ account_type: 'admin' }], [{}], [{ account_type: 'candidate', extra: 1 }]])('refuses %p with 400 and stores nothing', async (body) => {
    const token = await tokenFor(uniqueEmail('bad-choice'));
    expectProblem(await api('/api/me/account-type', { method: 'PUT', token, json: body }), 400);
    expect(await accountTypeOf(token)).toBeNull();
  });

  it('refuses anonymous callers', async () => {
    expectProblem(await api('/api/me/account-type', { method: 'PUT', json: { account_type: 'candidate' } }), 401);
  });
});
