import { api, expectProblem } from '../../support/api';
import { buildFixture, type Fixture } from '../../matrix/fixture';
import { inviteFreshApplicant, redeem, startSession } from './invitations';

let fx: Fixture;
beforeAll(async () => {
  fx = await buildFixture();
}, 60_000);
afterAll(() => fx.db.close());

describe('POST /api/invitations/redeem', () => {
  it('opens the invitation, creates the interview and returns a session token with the lobby', async () => {
    const { invitationToken: token, invitationId, applicationId } = await inviteFreshApplicant(fx);
    const response = await redeem(token);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      session_token: expect.any(String),
      interview: { id: expect.any(String), status: 'scheduled' },
      lobby: { role_title: 'Senior Engineer', duration_minutes: 15, question_count: 3, consent: { ai_processing: false, recording: false } },
    });
    expect(response.body.lobby.company_name).toMatch(/^Matrix A/);
    const { expires_at: expiresAt } = fx.db.prepare('select expires_at from invitations where id = ?').get(invitationId) as { expires_at: string };
    fx.db.prepare(`update job_roles set department = 'Platform' where id = ?`).run(fx.roleA);
    const lobbyExtras = { department: 'Platform', description: 'Senior Engineer at a fixture organisation', invitation_expires_at: expiresAt };
    expect(response.body.lobby).toMatchObject({ ...lobbyExtras, department: null });
    // The lobby read again with the session token: the role as it is now, and the same expiry.
    const session = await api<{ lobby: Record<string, unknown> }>('/api/interview-session', { token: response.body.session_token });
    expect(session.body.lobby).toMatchObject(lobbyExtras);
    fx.db.prepare('update job_roles set department = null where id = ?').run(fx.roleA);
    const invitation = fx.db.prepare('select status, opened_at, interview_id from invitations where id = ?').get(invitationId) as Record<string, string>;
    expect(invitation).toMatchObject({ status: 'opened', interview_id: response.body.interview.id });
    expect(fx.db.prepare('select application_id, status from interviews where id = ?').get(response.body.interview.id)).toEqual({ application_id: applicationId, status: 'scheduled' });
  });

  it('resumes the same interview when the link is opened again, even concurrently', async () => {
    const { invitationToken: token, invitationId } = await inviteFreshApplicant(fx);
    const [a, b] = await Promise.all([redeem(token), redeem(token)]);
    const again = await redeem(token);
    expect([a.status, b.status, again.status]).toEqual([200, 200, 200]);
    expect(new Set([a.body.interview.id, b.body.interview.id, again.body.interview.id]).size).toBe(1);
    expect(fx.db.prepare('select count(*) as n from interviews i join invitations v on v.application_id = i.application_id where v.id = ?').get(invitationId)).toEqual({ n: 1 });
    const opened = fx.db.prepare('select opened_at from invitations where id = ?').get(invitationId) as { opened_at: string };
    expect(opened.opened_at).toBeTruthy();
  });

  it('gives distinct answers for a wrong, an expired, a withdrawn and a finished invitation', async () => {
    expect(expectProblem(await redeem('x'.repeat(43)), 404).detail).toMatch(/not valid/);
    expect(expectProblem(await redeem((await inviteFreshApplicant(fx, { expiresInMs: -1000 })).invitationToken), 410).detail).toMatch(/expired/);
    expect(expectProblem(await redeem((await inviteFreshApplicant(fx, { revoked: true, status: 'revoked' })).invitationToken), 410).detail).toMatch(/withdrawn/);
    const finished = await inviteFreshApplicant(fx);
    const first = await redeem(finished.invitationToken);
    fx.db.prepare(`update interviews set status = 'completed' where id = ?`).run(first.body.interview.id);
    expect(expectProblem(await redeem(finished.invitationToken), 409).detail).toMatch(/already finished/);
    expectProblem(await redeem('not a token!'), 400);
  });

  it('never stores the token itself', async () => {
    const { invitationToken: token } = await inviteFreshApplicant(fx);
    await redeem(token);
    const dump = JSON.stringify(fx.db.prepare('select * from invitations').all()) + JSON.stringify(fx.db.prepare('select * from interview_sessions').all());
    expect(dump).not.toContain(token);
  });
});

describe('interview session endpoints', () => {
  it('accept only session tokens: an Entra token or none is 401', async () => {
    expectProblem(await api('/api/interview-session'), 401);
    expectProblem(await api('/api/interview-session', { token: fx.tokens.candidateOwner }), 401);
    expectProblem(await api('/api/interview-session', { token: 'eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJ0YWxlbnRpL2ludGVydmlldy1zZXNzaW9uIn0.forged' }), 401);
  });

  it('records AI-processing consent and, separately, recording consent with version, time and address', async () => {
    const { invitationToken: token } = await inviteFreshApplicant(fx);
    const { body } = await redeem(token);
    const policy = body.lobby.consent.policy_version;
    const refused = await api('/api/interview-session/consent', { method: 'POST', token: body.session_token, json: { policy_version: policy, ai_processing: false, recording: true } });
    expectProblem(refused, 400);
    const stale = await api('/api/interview-session/consent', { method: 'POST', token: body.session_token, json: { policy_version: 'old', ai_processing: true, recording: false } });
    expectProblem(stale, 409);
    const given = await api('/api/interview-session/consent', { method: 'POST', token: body.session_token, json: { policy_version: policy, ai_processing: true, recording: false } });
    expect(given.body).toEqual({ policy_version: policy, ai_processing: true, recording: false });
    const both = await api('/api/interview-session/consent', { method: 'POST', token: body.session_token, json: { policy_version: policy, ai_processing: true, recording: true } });
    expect(both.body).toEqual({ policy_version: policy, ai_processing: true, recording: true });
    const rows = fx.db.prepare('select kind, policy_version, granted_at, ip_address from consents where interview_id = ? order by kind').all(body.interview.id) as Array<Record<string, string>>;
    expect(rows.map((r) => r.kind)).toEqual(['ai_processing', 'recording']);
    expect(rows[0]?.ip_address).toBeTruthy();
    const session = await api<{ lobby: { consent: Record<string, unknown> } }>('/api/interview-session', { token: body.session_token });
    expect(session.body.lobby.consent).toMatchObject({ ai_processing: true, recording: true });
  });

  it('keeps one live session per interview: opening the link again ends the earlier session, and so does a resend', async () => {
    const { invitationToken, invitationId } = await inviteFreshApplicant(fx);
    const first = (await redeem(invitationToken)).body;
    const second = (await redeem(invitationToken)).body;
    expect(second.interview.id).toBe(first.interview.id);
    expect(expectProblem(await api('/api/interview-session', { token: first.session_token }), 401).detail).toMatch(/ended/);
    expect((await api('/api/interview-session', { token: second.session_token })).status).toBe(200);
    const resent = await api(`/api/invitations/${invitationId}/resend`, { method: 'POST', token: fx.tokens.recruiter, json: {} });
    expect(resent.status).toBe(200);
    expectProblem(await api('/api/interview-session', { token: second.session_token }), 401);
  });

  it('takes no anti-cheat signal before consent to AI processing', async () => {
    const { invitationToken } = await inviteFreshApplicant(fx);
    const redemption = (await redeem(invitationToken)).body;
    const signal = { type: 'tab_switch', timestamp: new Date().toISOString(), duration: 100 };
    expect(expectProblem(await api('/api/interview-session/signals', { method: 'POST', token: redemption.session_token, json: { signals: [signal] } }), 403).detail).toMatch(/Consent/);
    const row = fx.db.prepare('select anti_cheat_signals from interviews where id = ?').get(redemption.interview.id) as { anti_cheat_signals: string | null } | undefined;
    expect(JSON.parse(row?.anti_cheat_signals ?? '[]')).toEqual([]);
  });

  it('stops working once the session is revoked or expired', async () => {
    const { sessionToken, interviewId } = await startSession(fx);
    const live = await api<{ room: unknown }>('/api/interview-session', { token: sessionToken });
    expect(live.status).toBe(200);
    // The suite's host has no Communication Services settings (as under npm start): no room, and no error.
    expect(live.body.room).toBeNull();
    fx.db.prepare('update interview_sessions set revoked_at = ? where interview_id = ?').run(new Date().toISOString(), interviewId);
    expect(expectProblem(await api('/api/interview-session', { token: sessionToken }), 401).detail).toMatch(/ended/);
  });

  it('appends bounded anti-cheat signals', async () => {
    const { sessionToken, interviewId } = await startSession(fx);
    const signal = (type: string) => ({ type, timestamp: new Date().toISOString(), duration: 1200 });
    const first = await api('/api/interview-session/signals', { method: 'POST', token: sessionToken, json: { signals: [signal('tab_switch'), signal('silence')] } });
    expect(first.body).toEqual({ stored: 2, dropped: 0 });
    expectProblem(await api('/api/interview-session/signals', { method: 'POST', token: sessionToken, json: { signals: [signal('copy_paste')] } }), 400);
    expectProblem(await api('/api/interview-session/signals', { method: 'POST', token: sessionToken, json: { signals: Array.from({ length: 21 }, () => signal('latency')) } }), 400);
    for (let i = 0; i < 15; i++) await api('/api/interview-session/signals', { method: 'POST', token: sessionToken, json: { signals: Array.from({ length: 20 }, () => signal('latency')) } });
    const stored = JSON.parse((fx.db.prepare('select anti_cheat_signals from interviews where id = ?').get(interviewId) as { anti_cheat_signals: string }).anti_cheat_signals) as unknown[];
    expect(stored).toHaveLength(300);
  });
});
