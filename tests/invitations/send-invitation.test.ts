import { randomUUID } from 'node:crypto';
import { formatAustralianTime } from '../../shared/invitations/invitation-email';
import { buildFixture, type Fixture } from '../matrix/fixture';
import { api, dataDir, expectProblem } from '../support/api';
import { auditRows, databaseBytes, invitationRow, mailboxEmail, outboxRows, outboxRowsOnceSent, sha256, tokenInLink } from './helpers';

interface Sent {
  success: boolean;
  invitationId: string;
  expiresAt: string;
}

const DAY_MS = 86_400_000;

describe('POST /api/send-invitation (local mailbox)', () => {
  let fx: Fixture;
  let roleTitle: string;
  let organisationName: string;

  beforeAll(async () => {
    fx = await buildFixture();
    roleTitle = (fx.db.prepare('select title from job_roles where id = ?').get(fx.roleA) as { title: string }).title;
    organisationName = (fx.db.prepare('select name from organisations where id = ?').get(fx.orgA) as { name: string }).name;
  }, 60_000);
  afterAll(() => fx.db.close());

  const invite = (token: string | undefined, json: unknown, headers?: Record<string, string>) =>
    api<Sent>('/api/send-invitation', { method: 'POST', token, json, headers });

  it('creates the invitation and its email, answers the original shape without the token, and the queue function sends it', async () => {
    const applicant = await fx.newApplicant();
    const before = Date.now();
    const response = await invite(fx.tokens.recruiter, { applicationId: applicant.applicationId });
    expect(response.status).toBe(201);
    expect(Object.keys(response.body).sort()).toEqual(['expiresAt', 'invitationId', 'success']);
    expect(response.body.success).toBe(true);
    const expiresAt = Date.parse(response.body.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 7 * DAY_MS);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 7 * DAY_MS);

    await outboxRowsOnceSent(fx.db, response.body.invitationId);
    const invitation = invitationRow(fx.db, response.body.invitationId);
    expect(invitation).toMatchObject({ application_id: applicant.applicationId, status: 'sent', created_by: fx.userIds.recruiter, expires_at: response.body.expiresAt });
    expect(invitation.sent_at).not.toBeNull();
    const [outbox, ...more] = outboxRows(fx.db, invitation.id);
    expect(more).toEqual([]);
    expect(outbox).toMatchObject({ status: 'sent', attempts: 1, provider_message_id: `local-${outbox?.id}` });
    expect((fx.db.prepare('select status from applications where id = ?').get(applicant.applicationId) as { status: string }).status).toBe('invited');

    const email = (await mailboxEmail(dataDir(), outbox?.id ?? ''));
    const token = tokenInLink(email.text);
    expect(token).toHaveLength(43); // 256 bits, base64url
    expect(invitation.token_hash).toBe(sha256(token));
    expect(response.text).not.toContain(token);
    expect(response.headers.get('idempotent-replayed')).toBeNull();
  });

  it('writes an email with both parts: role and company from the database, the link, the expiry in Sydney time, what to expect', async () => {
    const applicant = await fx.newApplicant();
    const response = await invite(fx.tokens.hiringManager, { applicationId: applicant.applicationId, expiresInDays: 14, roleTitle: 'Made-up role', companyName: 'Evil Corp' });
    expect(response.status).toBe(201);
    expect(Date.parse(response.body.expiresAt) - Date.now()).toBeGreaterThan(14 * DAY_MS - 60_000);
    const [outbox] = outboxRows(fx.db, response.body.invitationId);
    const email = (await mailboxEmail(dataDir(), outbox?.id ?? ''));
    const token = tokenInLink(email.text);
    const link = `http://localhost:5173/invite/${token}`;
    const expiry = formatAustralianTime(new Date(response.body.expiresAt));
    expect(expiry).toMatch(/^\w+day \d{1,2} \w+ \d{4}, \d{1,2}:\d{2} [ap]m AE[DS]T$/);

    expect(email.subject).toBe(`Interview invitation: ${roleTitle} at ${organisationName}`);
    for (const part of [email.text, email.html]) {
      expect(part).toContain(link);
      expect(part).toContain(expiry);
      expect(part).toContain(roleTitle);
      expect(part).not.toContain('Made-up role');
      expect(part).not.toContain('Evil Corp');
      expect(part).toMatch(/10 to 15 minutes/);
      expect(part).toMatch(/camera and a microphone/);
      expect(part).toMatch(/quiet place/);
      expect(part).toMatch(/consent to AI processing.*separately, to it being recorded/);
      expect(part).toMatch(/reviewed by people/);
      expect(part).toMatch(/Questions\? Contact/);
    }
    expect(email.html).toMatch(/^<!doctype html>/);
    expect(email.html).toContain(`<a href="${link}"`);
    expect(email.text).not.toMatch(/<[a-z]/i);
    expect(email.to).toBe(outbox?.to_address);
  });

  it('never stores the token in clear: only its hash, and the queued email carries it sealed, removed once sent', async () => {
    const applicant = await fx.newApplicant();
    const response = await invite(fx.tokens.admin, { applicationId: applicant.applicationId });
    const [outbox] = await outboxRowsOnceSent(fx.db, response.body.invitationId);
    const token = tokenInLink((await mailboxEmail(dataDir(), outbox?.id ?? '')).text);
    expect(outbox?.html_body).toContain('/invite/(removed after sending)');
    expect(outbox?.text_body).toContain('/invite/(removed after sending)');
    expect(databaseBytes(dataDir())).not.toContain(token);
    expect(invitationRow(fx.db, response.body.invitationId).token_hash).toBe(sha256(token));
  });

  it('records invitation_sent in the audit log with where the address came from, never the address', async () => {
    const applicant = await fx.newApplicant();
    const response = await invite(fx.tokens.recruiter, { applicationId: applicant.applicationId });
    const [audit] = auditRows(fx.db, response.body.invitationId, 'invitation_sent');
    expect(audit).toMatchObject({ user_id: fx.userIds.recruiter, organisation_id: fx.orgA });
    expect(JSON.parse(audit?.old_values ?? '{}')).toEqual({ application_status: 'applied' });
    expect(JSON.parse(audit?.new_values ?? '{}')).toEqual({
      application_id: applicant.applicationId,
      expires_at: response.body.expiresAt,
      recipient: 'account',
      application_status: 'invited',
    });
    expect(`${audit?.old_values}${audit?.new_values}`).not.toContain('@');
  });

  it('sends to candidateEmail when given, else the profile email, else the account email; none at all is 409', async () => {
    const given = await fx.newApplicant();
    const toGiven = await invite(fx.tokens.recruiter, { applicationId: given.applicationId, candidateEmail: 'olivia.work@example.com.au' });
    expect(outboxRows(fx.db, toGiven.body.invitationId)[0]?.to_address).toBe('olivia.work@example.com.au');

    const withProfile = await fx.newApplicant();
    const at = new Date().toISOString();
    fx.db
      .prepare('insert into candidate_profiles (id, user_id, first_name, email, created_at, updated_at) values (?, ?, ?, ?, ?, ?)')
      .run(randomUUID(), withProfile.userId, 'Priya', 'priya@example.net', at, at);
    const toProfile = await invite(fx.tokens.recruiter, { applicationId: withProfile.applicationId });
    const [profileEmail] = outboxRows(fx.db, toProfile.body.invitationId);
    expect(profileEmail?.to_address).toBe('priya@example.net');
    expect((await mailboxEmail(dataDir(), profileEmail?.id ?? '')).text).toMatch(/^Hi Priya,/);

    const account = await fx.newApplicant();
    const toAccount = await invite(fx.tokens.recruiter, { applicationId: account.applicationId });
    const accountEmail = (fx.db.prepare('select email from users where id = ?').get(account.userId) as { email: string }).email;
    const [accountOutbox] = outboxRows(fx.db, toAccount.body.invitationId);
    expect(accountOutbox?.to_address).toBe(accountEmail);
    expect((await mailboxEmail(dataDir(), accountOutbox?.id ?? '')).text).toMatch(/^Hello,/);

    const nowhere = await fx.newApplicant();
    fx.db.prepare('update users set email = null where id = ?').run(nowhere.userId);
    expectProblem(await invite(fx.tokens.recruiter, { applicationId: nowhere.applicationId }), 409);
    expect(fx.db.prepare('select count(*) as n from invitations where application_id = ?').get(nowhere.applicationId)).toEqual({ n: 0 });
    expect((fx.db.prepare('select status from applications where id = ?').get(nowhere.applicationId) as { status: string }).status).toBe('applied');
  });

  it('leaves an application that is past the invited stage where it is', async () => {
    const response = await invite(fx.tokens.admin, { applicationId: fx.applicationA });
    expect(response.status).toBe(201);
    expect((fx.db.prepare('select status from applications where id = ?').get(fx.applicationA) as { status: string }).status).toBe('interviewed');
    const [audit] = auditRows(fx.db, response.body.invitationId, 'invitation_sent');
    expect(audit?.old_values).toBeNull();
    expect(JSON.parse(audit?.new_values ?? '{}')).not.toHaveProperty('application_status');
  });

  it.each([
    [{ applicationId: 'not-a-uuid' }, 'applicationId'],
    [{}, 'applicationId'],
    [{ applicationId: randomUUID(), expiresInDays: 0 }, 'expiresInDays'],
    [{ applicationId: randomUUID(), expiresInDays: 31 }, 'expiresInDays'],
    [{ applicationId: randomUUID(), expiresInDays: 2.5 }, 'expiresInDays'],
    [{ applicationId: randomUUID(), candidateEmail: 'not an email' }, 'candidateEmail'],
    [{ applicationId: randomUUID(), roleTitle: 'x'.repeat(501) }, 'roleTitle'],
    [{ applicationId: randomUUID(), token: 'abc' }, '(root)'],
  ])('refuses %j with 400 naming %s', async (json, path) => {
    const problem = expectProblem(await invite(fx.tokens.recruiter, json), 400);
    expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });

  it('keeps other organisations, viewers and candidates out, and creates nothing for them', async () => {
    const applicant = await fx.newApplicant();
    expectProblem(await invite(fx.tokens.otherOrgAdmin, { applicationId: applicant.applicationId }), 404);
    expectProblem(await invite(fx.tokens.viewer, { applicationId: applicant.applicationId }), 403);
    expectProblem(await invite(applicant.token, { applicationId: applicant.applicationId }), 403);
    expectProblem(await invite(fx.tokens.otherCandidate, { applicationId: applicant.applicationId }), 404);
    expectProblem(await invite(fx.tokens.recruiter, { applicationId: randomUUID() }), 404);
    expect((await invite(undefined, { applicationId: applicant.applicationId })).status).toBe(401);
    expect(fx.db.prepare('select count(*) as n from invitations where application_id = ?').get(applicant.applicationId)).toEqual({ n: 0 });
  });

  describe('Idempotency-Key', () => {
    it('answers a retry with the first answer and makes one invitation and one email', async () => {
      const applicant = await fx.newApplicant();
      const key = randomUUID();
      const first = await invite(fx.tokens.recruiter, { applicationId: applicant.applicationId }, { 'idempotency-key': key });
      const again = await invite(fx.tokens.recruiter, { applicationId: applicant.applicationId }, { 'idempotency-key': key });
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(fx.db.prepare('select count(*) as n from invitations where application_id = ?').get(applicant.applicationId)).toEqual({ n: 1 });
      expect(outboxRows(fx.db, first.body.invitationId)).toHaveLength(1);
    });

    it('makes one invitation when the same key arrives twice at the same time', async () => {
      const applicant = await fx.newApplicant();
      const key = randomUUID();
      const answers = await Promise.all([1, 2, 3].map(() => invite(fx.tokens.recruiter, { applicationId: applicant.applicationId }, { 'idempotency-key': key })));
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
      expect(new Set(answers.map((a) => a.body.invitationId)).size).toBe(1);
      expect(fx.db.prepare('select count(*) as n from invitations where application_id = ?').get(applicant.applicationId)).toEqual({ n: 1 });
    });

    it('refuses the same key with a different body (422), and keys are per user', async () => {
      const applicant = await fx.newApplicant();
      const key = randomUUID();
      await invite(fx.tokens.recruiter, { applicationId: applicant.applicationId }, { 'idempotency-key': key });
      expectProblem(await invite(fx.tokens.recruiter, { applicationId: applicant.applicationId, expiresInDays: 3 }, { 'idempotency-key': key }), 422);
      const otherUser = await invite(fx.tokens.admin, { applicationId: applicant.applicationId }, { 'idempotency-key': key });
      expect(otherUser.status).toBe(201);
      expect(otherUser.headers.get('idempotent-replayed')).toBeNull();
      expect(fx.db.prepare('select count(*) as n from invitations where application_id = ?').get(applicant.applicationId)).toEqual({ n: 2 });
    });

    it('refuses a malformed key with 400', async () => {
      const problem = expectProblem(await invite(fx.tokens.recruiter, { applicationId: fx.applicationA }, { 'idempotency-key': 'x'.repeat(201) }), 400);
      expect(problem.errors).toEqual([expect.objectContaining({ path: 'Idempotency-Key' })]);
    });
  });
});
