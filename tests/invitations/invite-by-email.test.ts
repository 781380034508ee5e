import { randomUUID } from 'node:crypto';
import { signDevToken } from '../../shared/auth/dev-issuer';
import { buildFixture, type Fixture } from '../matrix/fixture';
import { api, dataDir, devIssuer, devKeys, expectProblem, tokenFor, uniqueEmail } from '../support/api';
import { auditRows, invitationRow, mailboxEmail, outboxRows, outboxRowsOnceSent, sha256, tokenInLink } from './helpers';

interface Sent {
  success: boolean;
  invitationId: string;
  expiresAt: string;
}

let fx: Fixture;
beforeAll(async () => {
  fx = await buildFixture();
}, 60_000);
afterAll(() => fx.db.close());

const invite = (token: string | undefined, roleId: string, json: unknown, headers?: Record<string, string>) =>
  api<Sent>(`/api/job-roles/${roleId}/invitations`, { method: 'POST', token, json, headers });
const applicationOf = (invitationId: string) =>
  fx.db
    .prepare('select a.id, a.status, a.candidate_id, a.job_role_id, u.issuer, u.email, u.display_name from invitations i join applications a on a.id = i.application_id join users u on u.id = a.candidate_id where i.id = ?')
    .get(invitationId) as { id: string; status: string; candidate_id: string; job_role_id: string; issuer: string; email: string; display_name: string | null };

describe('POST /api/job-roles/{roleId}/invitations', () => {
  it('invites a new address: the application is made for it and the invitation sent through the outbox, once per Idempotency-Key', async () => {
    const email = uniqueEmail('Invitee');
    const key = `invite-${email}`;
    const response = await invite(fx.tokens.recruiter, fx.roleA, { email, name: 'Ada Invitee', expiresInDays: 3 }, { 'idempotency-key': key });
    expect(response.status).toBe(201);
    expect(Object.keys(response.body).sort()).toEqual(['expiresAt', 'invitationId', 'success']);

    const application = applicationOf(response.body.invitationId);
    expect(application).toMatchObject({ status: 'invited', job_role_id: fx.roleA, issuer: 'urn:talenti:invited', email: email.toLowerCase(), display_name: 'Ada Invitee' });
    const [outbox] = await outboxRowsOnceSent(fx.db, response.body.invitationId);
    expect(outbox?.to_address).toBe(email);
    const token = tokenInLink((await mailboxEmail(dataDir(), outbox?.id ?? '')).text);
    expect(invitationRow(fx.db, response.body.invitationId)).toMatchObject({ token_hash: sha256(token), created_by: fx.userIds.recruiter });
    expect(response.text).not.toContain(token);
    const [audit] = auditRows(fx.db, response.body.invitationId, 'invitation_sent');
    expect(JSON.parse(audit?.new_values ?? '{}')).toMatchObject({ application_id: application.id, recipient: 'given', application_status: 'invited' });

    const replay = await invite(fx.tokens.recruiter, fx.roleA, { email, name: 'Ada Invitee', expiresInDays: 3 }, { 'idempotency-key': key });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(response.body);
    expect(outboxRows(fx.db, response.body.invitationId)).toHaveLength(1);
    expectProblem(await invite(fx.tokens.recruiter, fx.roleA, { email, expiresInDays: 3 }, { 'idempotency-key': key }), 422);

    // A second invitation to the same address and role reuses its application.
    const second = await invite(fx.tokens.admin, fx.roleA, { email: email.toLowerCase() });
    expect(second.status).toBe(201);
    expect(applicationOf(second.body.invitationId).id).toBe(application.id);
  });

  it('the person signs in with that email verified: the invitation is in their portal, the application in their list, and they start it', async () => {
    const email = uniqueEmail('newcomer');
    const sent = await invite(fx.tokens.hiringManager, fx.roleA, { email });
    expect(sent.status).toBe(201);
    const placeholder = applicationOf(sent.body.invitationId);

    const token = await tokenFor(email);
    const me = await api<{ user: { id: string } }>('/api/me', { token });
    const invitations = await api<{ items: Array<{ id: string; role_title: string }> }>('/api/candidate/invitations', { token });
    expect(invitations.status).toBe(200);
    expect(invitations.body.items.map((i) => i.id)).toEqual([sent.body.invitationId]);
    const applications = await api<{ items: Array<{ id: string; job_role_id: string; status: string }> }>('/api/candidate/applications', { token });
    expect(applications.body.items).toEqual([expect.objectContaining({ id: placeholder.id, job_role_id: fx.roleA, status: 'invited' })]);
    expect(applicationOf(sent.body.invitationId).candidate_id).toBe(me.body.user.id);
    expect(fx.db.prepare('select id from users where id = ?').get(placeholder.candidate_id)).toBeUndefined();

    const started = await api<{ session_token: string }>(`/api/candidate/invitations/${sent.body.invitationId}/start`, { method: 'POST', token });
    expect(started.status).toBe(200);
    expect((await api('/api/interview-session', { token: started.body.session_token })).status).toBe(200);
  });

  it('does not attach the application to a sign-in that does not verify the email', async () => {
    const email = uniqueEmail('unverified');
    const sent = await invite(fx.tokens.recruiter, fx.roleA, { email });
    const placeholder = applicationOf(sent.body.invitationId);
    const unverified = await signDevToken(devKeys(), devIssuer(), { email, emailVerified: false });
    expect((await api<{ items: unknown[] }>('/api/candidate/applications', { token: unverified })).body.items).toEqual([]);
    expectProblem(await api('/api/candidate/invitations', { token: unverified }), 403);
    expect(applicationOf(sent.body.invitationId).candidate_id).toBe(placeholder.candidate_id);
    // The same person once their sign-in verifies the address.
    expect((await api<{ items: unknown[] }>('/api/candidate/applications', { token: await tokenFor(email) })).body.items).toHaveLength(1);
  });

  it("leaves an invited role the person had applied to themselves with the placeholder, and moves the others", async () => {
    const email = uniqueEmail('applied');
    const token = await tokenFor(email);
    const userId = (await api<{ user: { id: string } }>('/api/me', { token })).body.user.id;
    const now = new Date().toISOString();
    fx.db.prepare(`insert into applications (id, candidate_id, job_role_id, status, created_at, updated_at) values (?, ?, ?, 'applied', ?, ?)`).run(randomUUID(), userId, fx.roleA, now, now);
    const sent = await invite(fx.tokens.recruiter, fx.roleA, { email });
    expect(sent.status).toBe(201);
    expect((await api<{ items: unknown[] }>('/api/candidate/applications', { token })).body.items).toHaveLength(1);
    expect(applicationOf(sent.body.invitationId).issuer).toBe('urn:talenti:invited');
  });

  it('refuses members without the role, other organisations, inactive roles and bad input, storing nothing', async () => {
    const email = uniqueEmail('refused');
    expectProblem(await invite(fx.tokens.viewer, fx.roleA, { email }), 403);
    expectProblem(await invite(fx.tokens.otherOrgAdmin, fx.roleA, { email }), 404);
    expectProblem(await invite(fx.tokens.candidateOwner, fx.roleA, { email }), 404);
    expectProblem(await invite(fx.tokens.admin, fx.draftRoleA, { email }), 409);
    expectProblem(await invite(fx.tokens.admin, fx.roleA, { email: 'not an email' }), 400);
    expectProblem(await invite(fx.tokens.admin, fx.roleA, { email, name: 'Ada\u0007' }), 400);
    expectProblem(await invite(fx.tokens.admin, fx.roleA, { email, token: 'x' }), 400);
    expectProblem(await invite(undefined, fx.roleA, { email }), 401);
    expect(fx.db.prepare('select id from users where email = ?').get(email)).toBeUndefined();
  });
});
