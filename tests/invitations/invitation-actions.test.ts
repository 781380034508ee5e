import { randomUUID } from 'node:crypto';
import { buildFixture, type Fixture } from '../matrix/fixture';
import { api, dataDir, expectProblem } from '../support/api';
import { auditRows, insertOutboxRow, insertSentInvitation, invitationRow, mailboxEmail, outboxRows, outboxRowsOnceSent, sha256, tokenInLink } from './helpers';

interface Sent {
  success: boolean;
  invitationId: string;
  expiresAt: string;
}

interface InvitationView {
  id: string;
  status: string;
  revoked_at: string | null;
  [field: string]: unknown;
}

const DAY_MS = 86_400_000;

describe('resend, revoke and list invitations', () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await buildFixture();
  }, 60_000);
  afterAll(() => fx.db.close());

  async function sendFresh(json: Record<string, unknown> = {}) {
    const applicant = await fx.newApplicant();
    const response = await api<Sent>('/api/send-invitation', { method: 'POST', token: fx.tokens.recruiter, json: { applicationId: applicant.applicationId, ...json } });
    if (response.status !== 201) throw new Error(`send-invitation failed: ${response.status} ${response.text}`);
    const [outbox] = await outboxRowsOnceSent(fx.db, response.body.invitationId);
    return { ...applicant, invitationId: response.body.invitationId, token: tokenInLink((await mailboxEmail(dataDir(), outbox?.id ?? '')).text), candidateToken: applicant.token };
  }

  const resend = (token: string | undefined, invitationId: string, json?: unknown) =>
    api<Sent>(`/api/invitations/${invitationId}/resend`, { method: 'POST', token, json });
  const revoke = (token: string | undefined, invitationId: string) =>
    api<InvitationView>(`/api/invitations/${invitationId}/revoke`, { method: 'POST', token });

  describe('POST /api/invitations/{id}/resend', () => {
    it('issues a new link: the old token hash is gone, a new email goes to the same address, the expiry starts again', async () => {
      const first = await sendFresh({ candidateEmail: 'resend.me@example.org', expiresInDays: 2 });
      const response = await resend(fx.tokens.hiringManager, first.invitationId);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ success: true, invitationId: first.invitationId, expiresAt: expect.any(String) });
      expect(Date.parse(response.body.expiresAt) - Date.now()).toBeGreaterThan(7 * DAY_MS - 60_000);

      const emails = await outboxRowsOnceSent(fx.db, first.invitationId);
      expect(emails.map((e) => [e.status, e.to_address])).toEqual([
        ['sent', 'resend.me@example.org'],
        ['sent', 'resend.me@example.org'],
      ]);
      const token = tokenInLink((await mailboxEmail(dataDir(), emails[1]?.id ?? '')).text);
      expect(token).not.toBe(first.token);
      const invitation = invitationRow(fx.db, first.invitationId);
      expect(invitation).toMatchObject({ status: 'sent', token_hash: sha256(token), expires_at: response.body.expiresAt });
      expect(fx.db.prepare('select count(*) as n from invitations where token_hash = ?').get(sha256(first.token))).toEqual({ n: 0 });
      expect(response.text).not.toContain(token);

      const [audit] = auditRows(fx.db, first.invitationId, 'invitation_resent');
      expect(audit).toMatchObject({ user_id: fx.userIds.hiringManager, organisation_id: fx.orgA });
      expect(JSON.parse(audit?.new_values ?? '{}')).toMatchObject({ status: 'pending', recipient: 'previous_email', unsent_emails_dropped: 0 });
      expect(audit?.new_values).not.toContain('@');
    });

    it('takes an optional expiry and drops an email of the old link that was not sent yet', async () => {
      const first = await sendFresh();
      const unsent = insertOutboxRow(fx.db, first.invitationId, { next_attempt_at: new Date(Date.now() + 3_600_000).toISOString() });
      const response = await resend(fx.tokens.admin, first.invitationId, { expiresInDays: 3 });
      expect(response.status).toBe(200);
      expect(Math.abs(Date.parse(response.body.expiresAt) - (Date.now() + 3 * DAY_MS))).toBeLessThan(60_000);
      const dropped = outboxRows(fx.db, first.invitationId).find((e) => e.id === unsent);
      expect(dropped).toMatchObject({ status: 'failed', last_error: 'replaced by a resend before it was sent' });
      expectProblem(await resend(fx.tokens.admin, first.invitationId, { expiresInDays: 60 }), 400);
    });

    it('is for the hiring roles of the organisation only', async () => {
      const first = await sendFresh();
      expectProblem(await resend(fx.tokens.viewer, first.invitationId), 403);
      expectProblem(await resend(first.candidateToken, first.invitationId), 403);
      expectProblem(await resend(fx.tokens.otherOrgAdmin, first.invitationId), 404);
      expectProblem(await resend(fx.tokens.recruiter, randomUUID()), 404);
      expect(invitationRow(fx.db, first.invitationId).token_hash).toBe(sha256(first.token));
    });
  });

  describe('POST /api/invitations/{id}/revoke', () => {
    it('withdraws the invitation and ends every session opened with it or on its interview', async () => {
      const first = await sendFresh();
      const at = new Date().toISOString();
      const interviewId = randomUUID();
      fx.db.prepare(`insert into interviews (id, application_id, status, created_at, updated_at) values (?, ?, 'in_progress', ?, ?)`).run(interviewId, first.applicationId, at, at);
      fx.db.prepare('update invitations set interview_id = ?, status = ? where id = ?').run(interviewId, 'opened', first.invitationId);
      const later = new Date(Date.now() + 3_600_000).toISOString();
      const viaInvitation = randomUUID();
      const onInterview = randomUUID();
      fx.db.prepare('insert into interview_sessions (id, interview_id, invitation_id, expires_at, created_at) values (?, ?, ?, ?, ?)').run(viaInvitation, interviewId, first.invitationId, later, at);
      fx.db.prepare('insert into interview_sessions (id, interview_id, invitation_id, expires_at, created_at) values (?, ?, null, ?, ?)').run(onInterview, interviewId, later, at);

      const response = await revoke(fx.tokens.recruiter, first.invitationId);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: first.invitationId, status: 'revoked', revoked_at: expect.any(String), interview_id: interviewId });
      expect(response.body).not.toHaveProperty('token_hash');
      const sessions = fx.db.prepare('select revoked_at from interview_sessions where interview_id = ?').all(interviewId) as Array<{ revoked_at: string | null }>;
      expect(sessions.map((s) => s.revoked_at !== null)).toEqual([true, true]);
      const [audit] = auditRows(fx.db, first.invitationId, 'invitation_revoked');
      expect(JSON.parse(audit?.old_values ?? '{}')).toEqual({ status: 'opened' });
      expect(JSON.parse(audit?.new_values ?? '{}')).toEqual({ status: 'revoked', sessions_revoked: 2, unsent_emails_dropped: 0 });

      const again = await revoke(fx.tokens.admin, first.invitationId);
      expect(again.status).toBe(200);
      expect(again.body.revoked_at).toBe(response.body.revoked_at);
      expect(auditRows(fx.db, first.invitationId, 'invitation_revoked')).toHaveLength(1);

      expectProblem(await resend(fx.tokens.recruiter, first.invitationId), 409);
      expect(outboxRows(fx.db, first.invitationId)).toHaveLength(1);
    });

    it('drops the email if it was not sent yet, so a withdrawn link never arrives', async () => {
      const applicant = await fx.newApplicant();
      const { invitationId } = insertSentInvitation(fx.db, applicant.applicationId, { status: 'pending' });
      const unsent = insertOutboxRow(fx.db, invitationId, { next_attempt_at: new Date(Date.now() + 3_600_000).toISOString() });
      expect((await revoke(fx.tokens.hiringManager, invitationId)).status).toBe(200);
      expect(outboxRows(fx.db, invitationId).find((e) => e.id === unsent)).toMatchObject({ status: 'failed', last_error: 'invitation revoked before it was sent' });
    });

    it('is for the hiring roles of the organisation only', async () => {
      const first = await sendFresh();
      expectProblem(await revoke(fx.tokens.viewer, first.invitationId), 403);
      expectProblem(await revoke(first.candidateToken, first.invitationId), 403);
      expectProblem(await revoke(fx.tokens.otherOrgAdmin, first.invitationId), 404);
      expect((await revoke(undefined, first.invitationId)).status).toBe(401);
      expect(invitationRow(fx.db, first.invitationId).status).toBe('sent');
    });
  });

  describe('GET /api/applications/{id}/invitations', () => {
    const list = (token: string | undefined, applicationId: string, query = '') =>
      api<{ items: InvitationView[]; next_cursor: string | null }>(`/api/applications/${applicationId}/invitations${query}`, { token });

    it('lists them newest first with status and times, never the token hash, a page at a time', async () => {
      const first = await sendFresh();
      const second = await api<Sent>('/api/send-invitation', { method: 'POST', token: fx.tokens.admin, json: { applicationId: first.applicationId } });
      await outboxRowsOnceSent(fx.db, second.body.invitationId);
      await revoke(fx.tokens.admin, first.invitationId);

      const all = await list(fx.tokens.viewer, first.applicationId);
      expect(all.status).toBe(200);
      expect(all.body.items.map((i) => [i.id, i.status])).toEqual([
        [second.body.invitationId, 'sent'],
        [first.invitationId, 'revoked'],
      ]);
      expect(Object.keys(all.body.items[0] ?? {}).sort()).toEqual(
        ['application_id', 'created_at', 'created_by', 'delivered_at', 'email_template', 'expires_at', 'failed_at', 'id', 'interview_id', 'opened_at', 'revoked_at', 'sent_at', 'status'].sort(),
      );
      expect(all.text).not.toContain('token');
      expect(all.body.next_cursor).toBeNull();

      const page1 = await list(fx.tokens.recruiter, first.applicationId, '?limit=1');
      expect(page1.body.items.map((i) => i.id)).toEqual([second.body.invitationId]);
      const page2 = await list(fx.tokens.recruiter, first.applicationId, `?limit=1&cursor=${page1.body.next_cursor}`);
      expect(page2.body.items.map((i) => i.id)).toEqual([first.invitationId]);
      expect(page2.body.next_cursor).toBeNull();
      expectProblem(await list(fx.tokens.recruiter, first.applicationId, '?cursor=nonsense'), 400);
    });

    it('is for members of the organisation: candidates 403, others 404', async () => {
      const first = await sendFresh();
      expectProblem(await list(first.candidateToken, first.applicationId), 403);
      expectProblem(await list(fx.tokens.otherOrgAdmin, first.applicationId), 404);
      expectProblem(await list(fx.tokens.otherCandidate, first.applicationId), 404);
      expectProblem(await list(fx.tokens.viewer, randomUUID()), 404);
    });
  });
});
