import { signDevToken } from '../../shared/auth/dev-issuer';
import { buildFixture, type Fixture } from '../matrix/fixture';
import { api, dataDir, devIssuer, devKeys, expectProblem, uniqueEmail } from '../support/api';
import { mailboxEmail, outboxRows, outboxRowsOnceSent, tokenInLink } from './helpers';

interface PortalInvitation {
  id: string;
  application_id: string;
  job_role_id: string;
  role_title: string;
  organisation_name: string;
  status: string;
  expires_at: string;
  created_at: string;
  interview: { id: string; status: string } | null;
}
interface Page {
  items: PortalInvitation[];
  next_cursor: string | null;
}
interface Redemption {
  session_token: string;
  interview: { id: string; status: string };
  lobby: { role_title: string; company_name: string };
}

let fx: Fixture;
let roleTitle: string;
let organisationName: string;
beforeAll(async () => {
  fx = await buildFixture();
  roleTitle = (fx.db.prepare('select title from job_roles where id = ?').get(fx.roleA) as { title: string }).title;
  organisationName = (fx.db.prepare('select name from organisations where id = ?').get(fx.orgA) as { name: string }).name;
}, 60_000);
afterAll(() => fx.db.close());

const emailOf = (userId: string) => (fx.db.prepare('select email from users where id = ?').get(userId) as { email: string }).email;
const list = (token: string, query = '') => api<Page>(`/api/candidate/invitations${query}`, { token });
const start = (token: string, invitationId: string) => api<Redemption>(`/api/candidate/invitations/${invitationId}/start`, { method: 'POST', token });

/** A fresh applicant to role A and an invitation the recruiter sent them through send-invitation. */
async function invitedApplicant(candidateEmail?: string) {
  const applicant = await fx.newApplicant();
  const sent = await api<{ invitationId: string }>('/api/send-invitation', {
    method: 'POST',
    token: fx.tokens.recruiter,
    json: { applicationId: applicant.applicationId, ...(candidateEmail ? { candidateEmail } : {}) },
  });
  if (sent.status !== 201) throw new Error(`send-invitation failed: ${sent.status} ${sent.text}`);
  return { ...applicant, invitationId: sent.body.invitationId, email: emailOf(applicant.userId) };
}

describe('GET /api/candidate/invitations', () => {
  it("lists the candidate's open invitation with role, organisation, expiry and status, and never its token", async () => {
    const invited = await invitedApplicant();
    const [outbox] = await outboxRowsOnceSent(fx.db, invited.invitationId);
    const linkToken = tokenInLink((await mailboxEmail(dataDir(), outbox?.id ?? '')).text);
    const expiresAt = (fx.db.prepare('select expires_at from invitations where id = ?').get(invited.invitationId) as { expires_at: string }).expires_at;

    const response = await list(invited.token);
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([
      {
        id: invited.invitationId,
        application_id: invited.applicationId,
        job_role_id: fx.roleA,
        role_title: roleTitle,
        organisation_name: organisationName,
        status: 'sent',
        expires_at: expiresAt,
        created_at: expect.any(String),
        interview: null,
      },
    ]);
    expect(response.body.next_cursor).toBeNull();
    expect(response.text).not.toContain(linkToken);
    expect(response.text).not.toMatch(/token/);
    // Nobody else sees it: not another candidate, not the staff who sent it.
    expect((await list(fx.tokens.otherCandidate as string)).body.items.map((i) => i.id)).not.toContain(invited.invitationId);
    expect((await list(fx.tokens.recruiter as string)).body.items).toEqual([]);
  });

  it('pages newest first, and leaves out invitations sent to another address, withdrawn or expired', async () => {
    const invited = await invitedApplicant();
    const again = await api<{ invitationId: string }>('/api/send-invitation', { method: 'POST', token: fx.tokens.recruiter, json: { applicationId: invited.applicationId } });
    const elsewhere = await api<{ invitationId: string }>('/api/send-invitation', {
      method: 'POST',
      token: fx.tokens.recruiter,
      json: { applicationId: invited.applicationId, candidateEmail: uniqueEmail('elsewhere') },
    });
    const withdrawn = await api<{ invitationId: string }>('/api/send-invitation', { method: 'POST', token: fx.tokens.recruiter, json: { applicationId: invited.applicationId } });
    expect((await api(`/api/invitations/${withdrawn.body.invitationId}/revoke`, { method: 'POST', token: fx.tokens.recruiter })).status).toBe(200);
    const lapsed = await api<{ invitationId: string }>('/api/send-invitation', { method: 'POST', token: fx.tokens.recruiter, json: { applicationId: invited.applicationId } });
    fx.db.prepare('update invitations set expires_at = ? where id = ?').run(new Date(Date.now() - 60_000).toISOString(), lapsed.body.invitationId);
    // Same created_at would be ordered by id; spread them so newest first is unambiguous.
    fx.db.prepare('update invitations set created_at = ? where id = ?').run(new Date(Date.now() - 120_000).toISOString(), invited.invitationId);

    const first = await list(invited.token, '?limit=1');
    expect(first.status).toBe(200);
    expect(first.body.items.map((i) => i.id)).toEqual([again.body.invitationId]);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const second = await list(invited.token, `?limit=1&cursor=${first.body.next_cursor}`);
    expect(second.body.items.map((i) => i.id)).toEqual([invited.invitationId]);
    expect(second.body.next_cursor).toBeNull();
    expect(outboxRows(fx.db, elsewhere.body.invitationId).map((r) => r.to_address)).not.toContain(invited.email);
    expectProblem(await list(invited.token, '?cursor=bm90LWEtY3Vyc29y'), 400);
  });

  it('refuses a sign-in whose email is not verified', async () => {
    const token = await signDevToken(devKeys(), devIssuer(), { email: uniqueEmail('unverified'), emailVerified: false });
    expect(expectProblem(await list(token), 403).detail).toMatch(/verify/);
    expectProblem(await api('/api/candidate/invitations'), 401);
  });
});

describe('POST /api/candidate/invitations/{invitationId}/start', () => {
  it('starts the interview with a session token, resumes it later (ending the earlier session), and the email link keeps working', async () => {
    const invited = await invitedApplicant();
    const [outbox] = await outboxRowsOnceSent(fx.db, invited.invitationId);
    const linkToken = tokenInLink((await mailboxEmail(dataDir(), outbox?.id ?? '')).text);

    const started = await start(invited.token, invited.invitationId);
    expect(started.status).toBe(200);
    expect(started.headers.get('cache-control')).toBe('no-store');
    expect(started.body).toMatchObject({ interview: { status: 'scheduled' }, lobby: { role_title: roleTitle, company_name: organisationName } });
    expect(started.body.session_token).not.toBe(linkToken);
    const session = await api<{ interview: { id: string } }>('/api/interview-session', { token: started.body.session_token });
    expect(session.status).toBe(200);
    expect(session.body.interview.id).toBe(started.body.interview.id);
    expect(fx.db.prepare('select status, interview_id from invitations where id = ?').get(invited.invitationId)).toEqual({ status: 'opened', interview_id: started.body.interview.id });
    expect((await list(invited.token)).body.items[0]?.interview).toEqual({ id: started.body.interview.id, status: 'scheduled' });

    const resumed = await start(invited.token, invited.invitationId);
    expect(resumed.body.interview.id).toBe(started.body.interview.id);
    expectProblem(await api('/api/interview-session', { token: started.body.session_token }), 401);

    const redeemed = await api<Redemption>('/api/invitations/redeem', { method: 'POST', json: { token: linkToken } });
    expect(redeemed.status).toBe(200);
    expect(redeemed.body.interview.id).toBe(started.body.interview.id);
    expectProblem(await api('/api/interview-session', { token: resumed.body.session_token }), 401);
  });

  it("is 404 for someone else's invitation or one sent to another address, 410 when withdrawn or expired, 409 once the interview is over", async () => {
    const invited = await invitedApplicant();
    expectProblem(await start(fx.tokens.otherCandidate as string, invited.invitationId), 404);
    expectProblem(await start(fx.tokens.recruiter as string, invited.invitationId), 404);
    expectProblem(await start(invited.token, '00000000-0000-4000-8000-000000000000'), 404);

    const elsewhere = await api<{ invitationId: string }>('/api/send-invitation', {
      method: 'POST',
      token: fx.tokens.recruiter,
      json: { applicationId: invited.applicationId, candidateEmail: uniqueEmail('elsewhere') },
    });
    expectProblem(await start(invited.token, elsewhere.body.invitationId), 404);

    const withdrawn = await invitedApplicant();
    await api(`/api/invitations/${withdrawn.invitationId}/revoke`, { method: 'POST', token: fx.tokens.recruiter });
    expectProblem(await start(withdrawn.token, withdrawn.invitationId), 410);

    const lapsed = await invitedApplicant();
    fx.db.prepare('update invitations set expires_at = ? where id = ?').run(new Date(Date.now() - 60_000).toISOString(), lapsed.invitationId);
    expectProblem(await start(lapsed.token, lapsed.invitationId), 410);

    const finished = await start(invited.token, invited.invitationId);
    fx.db.prepare(`update interviews set status = 'completed' where id = ?`).run(finished.body.interview.id);
    expectProblem(await start(invited.token, invited.invitationId), 409);
    expect((await list(invited.token)).body.items.map((i) => i.id)).not.toContain(invited.invitationId);
  });
});
