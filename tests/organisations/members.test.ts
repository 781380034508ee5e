import { randomUUID } from 'node:crypto';
import { signDevToken } from '../../shared/auth/dev-issuer';
import { api, devIssuer, devKeys, expectProblem, tokenFor, uniqueEmail } from '../support/api';
import { addMembership, auditRowsFor, organisationWithAdmin, signIn, withDb, type SignedIn } from './helpers';

interface Member {
  id: string;
  organisation_id: string;
  user_id: string;
  email: string | null;
  role: string;
  version: number;
}
interface Invitation {
  id: string;
  organisation_id: string;
  email: string;
  role: string;
  status: string;
}
interface MemberPage {
  items: Member[];
  next_cursor: string | null;
}

const membersPath = (organisationId: string) => `/api/organisations/${organisationId}/members`;
const memberPath = (organisationId: string, userId: string) => `${membersPath(organisationId)}/${userId}`;

function changeRole(organisationId: string, userId: string, token: string, role: string, ifMatch: string | null = '"1"') {
  return api<{ member: Member }>(memberPath(organisationId, userId), {
    method: 'PATCH',
    token,
    json: { role },
    headers: ifMatch === null ? {} : { 'if-match': ifMatch },
  });
}

function addMember(organisationId: string, token: string, email: string, role = 'recruiter') {
  return api<{ invitation: Invitation }>(membersPath(organisationId), { method: 'POST', token, json: { email, role } });
}

function admins(organisationId: string): number {
  return withDb((db) => (db.prepare(`select count(*) as n from org_users where organisation_id = ? and role = 'admin'`).get(organisationId) as { n: number }).n);
}

async function memberships(user: SignedIn): Promise<string[]> {
  const me = await api<{ memberships: Array<{ organisation_id: string }> }>('/api/me', { token: user.token });
  return me.body.memberships.map((m) => m.organisation_id);
}

describe('GET /api/organisations/{organisationId}/members', () => {
  it('lists members with their email, role and version, a page at a time', async () => {
    const { admin, organisationId } = await organisationWithAdmin();
    const others = [await signIn('m1'), await signIn('m2')];
    for (const other of others) addMembership(organisationId, other.userId, 'viewer');

    const first = await api<MemberPage>(`${membersPath(organisationId)}?limit=2`, { token: admin.token });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0]).toMatchObject({ user_id: admin.userId, email: admin.email, role: 'admin', version: 1, organisation_id: organisationId });
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const second = await api<MemberPage>(`${membersPath(organisationId)}?limit=2&cursor=${first.body.next_cursor}`, { token: admin.token });
    expect(second.body.items).toHaveLength(1);
    expect(second.body.next_cursor).toBeNull();
    const all = [...first.body.items, ...second.body.items].map((m) => m.user_id);
    expect(all.sort()).toEqual([admin.userId, ...others.map((o) => o.userId)].sort());
  });

  it('refuses non-admins (403), outsiders (404) and bad paging (400)', async () => {
    const { admin, organisationId } = await organisationWithAdmin();
    const viewer = await signIn('viewer');
    addMembership(organisationId, viewer.userId, 'viewer');
    expectProblem(await api(membersPath(organisationId), { token: viewer.token }), 403);
    const other = await organisationWithAdmin();
    expectProblem(await api(membersPath(organisationId), { token: other.admin.token }), 404);
    expectProblem(await api(`${membersPath(organisationId)}?cursor=nonsense`, { token: admin.token }), 400);
    expectProblem(await api(`${membersPath(organisationId)}?limit=101`, { token: admin.token }), 400);
  });
});

describe('membership by invitation (POST /api/organisations/{organisationId}/members)', () => {
  const invitationsPath = (organisationId: string) => `/api/organisations/${organisationId}/member-invitations`;
  const myInvitations = (token: string) => api<{ items: Invitation[] }>('/api/me/organisation-invitations', { token });
  const accept = (token: string, invitationId: string) =>
    api<{ member: Member }>(`/api/me/organisation-invitations/${invitationId}/accept`, { method: 'POST', token });

  it('answers the same whether or not the address has an account, and adds nobody until they accept', async () => {
    const { admin, organisationId } = await organisationWithAdmin();
    const existing = await signIn('existing');
    const unknown = uniqueEmail('nobody');
    const [forExisting, forUnknown] = [await addMember(organisationId, admin.token, existing.email.toUpperCase()), await addMember(organisationId, admin.token, unknown)];
    for (const [response, email] of [[forExisting, existing.email], [forUnknown, unknown]] as const) {
      expect(response.status).toBe(202);
      expect(Object.keys(response.body).sort()).toEqual(['invitation']);
      expect(response.body.invitation).toMatchObject({ organisation_id: organisationId, email, role: 'recruiter', status: 'pending' });
    }
    expect(Object.keys(forExisting.body.invitation).sort()).toEqual(Object.keys(forUnknown.body.invitation).sort());
    expect(await memberships(existing)).toEqual([]);

    // Inviting the same address again returns the open invitation.
    expect((await addMember(organisationId, admin.token, existing.email)).body.invitation.id).toBe(forExisting.body.invitation.id);
    const listed = await api<{ items: Invitation[] }>(invitationsPath(organisationId), { token: admin.token });
    expect(listed.body.items.map((i) => i.id).sort()).toEqual([forExisting.body.invitation.id, forUnknown.body.invitation.id].sort());

    const audit = auditRowsFor(forExisting.body.invitation.id);
    expect(audit).toEqual([expect.objectContaining({ action: 'member_invited', user_id: admin.userId, organisation_id: organisationId })]);
    expect(JSON.stringify(audit)).not.toContain(existing.email);
  });

  it('lets the person signed in with that verified email see and accept it, and only them, once', async () => {
    const { admin, organisationId } = await organisationWithAdmin();
    const invitee = await signIn('invitee');
    const invitation = (await addMember(organisationId, admin.token, invitee.email, 'hiring_manager')).body.invitation;

    const stranger = await signIn('stranger');
    expect((await myInvitations(stranger.token)).body.items).toEqual([]);
    expectProblem(await accept(stranger.token, invitation.id), 404);
    // Same address claimed by a token that does not vouch for it: not theirs.
    const unverified = await signDevToken(devKeys(), devIssuer(), { objectId: randomUUID(), email: invitee.email, emailVerified: false });
    expectProblem(await accept(unverified, invitation.id), 404);
    expect(await memberships(stranger)).toEqual([]);

    expect((await myInvitations(invitee.token)).body.items).toEqual([expect.objectContaining({ id: invitation.id, organisation_id: organisationId, role: 'hiring_manager' })]);
    const accepted = await accept(invitee.token, invitation.id);
    expect(accepted.status).toBe(201);
    expect(accepted.body.member).toMatchObject({ user_id: invitee.userId, organisation_id: organisationId, role: 'hiring_manager', version: 1 });
    expect(await memberships(invitee)).toEqual([organisationId]);
    expectProblem(await accept(invitee.token, invitation.id), 409);
    expect((await myInvitations(invitee.token)).body.items).toEqual([]);
    expect(auditRowsFor(accepted.body.member.id)).toEqual([expect.objectContaining({ action: 'member_added', user_id: invitee.userId })]);
  });

  it('lets admins revoke an open invitation, which then cannot be accepted', async () => {
    const { admin, organisationId } = await organisationWithAdmin();
    const invitee = await signIn('revoked');
    const invitation = (await addMember(organisationId, admin.token, invitee.email)).body.invitation;
    const other = await organisationWithAdmin();
    expectProblem(await api(`${invitationsPath(other.organisationId)}/${invitation.id}`, { method: 'DELETE', token: other.admin.token }), 404);
    expect((await api(`${invitationsPath(organisationId)}/${invitation.id}`, { method: 'DELETE', token: admin.token })).status).toBe(204);
    expectProblem(await api(`${invitationsPath(organisationId)}/${invitation.id}`, { method: 'DELETE', token: admin.token }), 404);
    expectProblem(await accept(invitee.token, invitation.id), 409);
    expect(await memberships(invitee)).toEqual([]);
  });

  it('refuses to accept for someone who is already a member, and keeps the invitation open', async () => {
    const { admin, organisationId } = await organisationWithAdmin();
    const invitation = (await addMember(organisationId, admin.token, admin.email)).body.invitation;
    expectProblem(await accept(admin.token, invitation.id), 409);
    expect((await myInvitations(admin.token)).body.items.map((i) => i.id)).toContain(invitation.id);
  });

  it('validates the body and is for admins only', async () => {
    const { admin, organisationId } = await organisationWithAdmin();
    const newcomer = await signIn('newcomer');
    const invalid = expectProblem(await addMember(organisationId, admin.token, newcomer.email, 'owner'), 400);
    expect(invalid.errors).toEqual([expect.objectContaining({ path: 'role' })]);
    expect(expectProblem(await addMember(organisationId, admin.token, 'not-an-email'), 400).errors).toEqual([expect.objectContaining({ path: 'email' })]);
    const recruiter = await signIn('recruiter');
    addMembership(organisationId, recruiter.userId, 'recruiter');
    expectProblem(await addMember(organisationId, recruiter.token, newcomer.email), 403);
    expectProblem(await api(invitationsPath(organisationId), { token: recruiter.token }), 403);
    expectProblem(await addMember(organisationId, (await organisationWithAdmin()).admin.token, newcomer.email), 404);
    expect((await myInvitations(newcomer.token)).body.items).toEqual([]);
  });
});

describe('PATCH /api/organisations/{organisationId}/members/{userId}', () => {
  it('changes the role with If-Match, returns the new ETag and audits old and new role', async () => {
    const { admin, organisationId } = await organisationWithAdmin();
    const member = await signIn('member');
    addMembership(organisationId, member.userId, 'viewer');
    const response = await changeRole(organisationId, member.userId, admin.token, 'recruiter');
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"2"');
    expect(response.body.member).toMatchObject({ role: 'recruiter', version: 2 });
    const audit = auditRowsFor(response.body.member.id);
    expect(audit).toEqual([expect.objectContaining({ action: 'member_role_changed', user_id: admin.userId })]);
    expect(JSON.parse(audit[0]?.old_values ?? '{}')).toEqual({ user_id: member.userId, role: 'viewer' });
    expect(JSON.parse(audit[0]?.new_values ?? '{}')).toEqual({ user_id: member.userId, role: 'recruiter' });
  });

  it('requires If-Match (428), refuses a stale one (412) and lets one of two concurrent changes win', async () => {
    const { admin, organisationId } = await organisationWithAdmin();
    const member = await signIn('member');
    addMembership(organisationId, member.userId, 'viewer');
    expectProblem(await changeRole(organisationId, member.userId, admin.token, 'recruiter', null), 428);
    const responses = await Promise.all([
      changeRole(organisationId, member.userId, admin.token, 'recruiter'),
      changeRole(organisationId, member.userId, admin.token, 'hiring_manager'),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 412]);
    expectProblem(await changeRole(organisationId, member.userId, admin.token, 'viewer'), 412);
  });

  it('never demotes the last admin', async () => {
    const { admin, organisationId } = await organisationWithAdmin();
    const problem = expectProblem(await changeRole(organisationId, admin.userId, admin.token, 'viewer'), 409);
    expect(problem.detail).toMatch(/at least one admin/);
    expect(admins(organisationId)).toBe(1);
  });

  it('keeps an admin when two admins demote each other at the same time', async () => {
    for (let round = 0; round < 3; round++) {
      const { admin, organisationId } = await organisationWithAdmin();
      const second = await signIn('second-admin');
      addMembership(organisationId, second.userId, 'admin');
      const adminVersion = withDb((db) => (db.prepare('select version from org_users where user_id = ?').get(admin.userId) as { version: number }).version);
      const responses = await Promise.all([
        changeRole(organisationId, second.userId, admin.token, 'viewer'),
        changeRole(organisationId, admin.userId, second.token, 'viewer', `"${adminVersion}"`),
      ]);
      // The loser is refused either by the last-admin rule or, if the winner committed first, as no longer an admin.
      const [won, lost] = responses.map((r) => r.status).sort();
      expect(won).toBe(200);
      expect([403, 409]).toContain(lost);
      expect(admins(organisationId)).toBe(1);
    }
  });

  it('answers 404 for a user who is not a member, or a member of another organisation', async () => {
    const { admin, organisationId } = await organisationWithAdmin();
    const other = await organisationWithAdmin();
    expectProblem(await changeRole(organisationId, other.admin.userId, admin.token, 'viewer'), 404);
    expectProblem(await changeRole(other.organisationId, other.admin.userId, admin.token, 'viewer'), 404);
    expect(admins(other.organisationId)).toBe(1);
  });

  it('answers 403 to members who are not admins', async () => {
    const { admin, organisationId } = await organisationWithAdmin();
    const recruiter = await signIn('recruiter');
    addMembership(organisationId, recruiter.userId, 'recruiter');
    expectProblem(await changeRole(organisationId, recruiter.userId, recruiter.token, 'admin'), 403);
    expectProblem(await changeRole(organisationId, admin.userId, recruiter.token, 'viewer'), 403);
  });
});

describe('DELETE /api/organisations/{organisationId}/members/{userId}', () => {
  it('removes a member, who then no longer sees the organisation, and audits it', async () => {
    const { admin, organisationId } = await organisationWithAdmin();
    const member = await signIn('leaver');
    addMembership(organisationId, member.userId, 'recruiter');
    const membershipId = withDb((db) => (db.prepare('select id from org_users where user_id = ?').get(member.userId) as { id: string }).id);
    const response = await api(memberPath(organisationId, member.userId), { method: 'DELETE', token: admin.token });
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    expect(await memberships(member)).toEqual([]);
    expectProblem(await api(`/api/organisations/${organisationId}`, { token: member.token }), 404);
    const audit = auditRowsFor(membershipId);
    expect(audit).toEqual([expect.objectContaining({ action: 'member_removed', user_id: admin.userId, organisation_id: organisationId })]);
    expect(JSON.parse(audit[0]?.old_values ?? '{}')).toEqual({ user_id: member.userId, role: 'recruiter' });
    expectProblem(await api(memberPath(organisationId, member.userId), { method: 'DELETE', token: admin.token }), 404);
  });

  it('never removes the last admin, also when two admins remove each other at once', async () => {
    const { admin, organisationId } = await organisationWithAdmin();
    expectProblem(await api(memberPath(organisationId, admin.userId), { method: 'DELETE', token: admin.token }), 409);
    const second = await signIn('second-admin');
    addMembership(organisationId, second.userId, 'admin');
    const responses = await Promise.all([
      api(memberPath(organisationId, second.userId), { method: 'DELETE', token: admin.token }),
      api(memberPath(organisationId, admin.userId), { method: 'DELETE', token: second.token }),
    ]);
    // The loser is refused by the last-admin rule or, if the winner committed first, finds no membership to act from.
    const [won, lost] = responses.map((r) => r.status).sort();
    expect(won).toBe(204);
    expect([404, 409]).toContain(lost);
    expect(admins(organisationId)).toBe(1);
  });

  it('lets an admin leave when another admin remains', async () => {
    const { admin, organisationId } = await organisationWithAdmin();
    const second = await signIn('second-admin');
    addMembership(organisationId, second.userId, 'admin');
    expect((await api(memberPath(organisationId, admin.userId), { method: 'DELETE', token: admin.token })).status).toBe(204);
    expect(await memberships(admin)).toEqual([]);
  });

  it('is for admins of the organisation only', async () => {
    const { admin, organisationId } = await organisationWithAdmin();
    const viewer = await signIn('viewer');
    addMembership(organisationId, viewer.userId, 'viewer');
    expectProblem(await api(memberPath(organisationId, admin.userId), { method: 'DELETE', token: viewer.token }), 403);
    const outsider = await tokenFor(uniqueEmail('outsider'));
    expectProblem(await api(memberPath(organisationId, viewer.userId), { method: 'DELETE', token: outsider }), 404);
    expectProblem(await api(memberPath(organisationId, viewer.userId), { method: 'DELETE' }), 401);
    expect(admins(organisationId)).toBe(1);
  });
});
