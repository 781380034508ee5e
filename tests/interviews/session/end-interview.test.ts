import { randomUUID } from 'node:crypto';
import { api, expectProblem } from '../../support/api';
import { buildFixture, type Fixture } from '../../matrix/fixture';
import { inviteFreshApplicant, redeem, startSession } from './invitations';

let fx: Fixture;
beforeAll(async () => {
  fx = await buildFixture();
}, 60_000);
afterAll(() => fx.db.close());

type Ended = { interview: { id: string; status: string; ended_at: string; end_reason: string | null; duration_seconds: number | null; scoring: string } };

const turn = (sessionToken: string, message: string) => api('/api/ai-interviewer', { method: 'POST', token: sessionToken, json: { message, clientTurnId: randomUUID() } });
const end = (sessionToken: string, reason = 'candidate_hung_up') => api<Ended>('/api/interview-session/end', { method: 'POST', token: sessionToken, json: { reason } });
const interviewRow = (id: string) =>
  fx.db.prepare('select status, end_reason, ended_at, duration_seconds, scoring_status from interviews where id = ?').get(id) as Record<string, string | number | null>;

async function waitForScore(interviewId: string) {
  for (let waited = 0; waited < 10_000 && interviewRow(interviewId).scoring_status !== 'done'; waited += 200) await new Promise((resolve) => setTimeout(resolve, 200));
  return fx.db.prepare('select overall_score, candidate_feedback from interview_scores where interview_id = ?').get(interviewId) as { overall_score: number; candidate_feedback: string } | undefined;
}

describe('POST /api/interview-session/end', () => {
  it('ends a running interview on hang-up, records why, and scores what was said', async () => {
    const { sessionToken, interviewId, applicationId } = await startSession(fx);
    expect((await turn(sessionToken, '')).status).toBe(200);
    expect((await turn(sessionToken, 'I have built TypeScript services on Azure for six years.')).status).toBe(200);

    const ended = await end(sessionToken);
    expect(ended.status).toBe(200);
    expect(ended.body.interview).toMatchObject({ id: interviewId, status: 'completed', end_reason: 'candidate_hung_up', scoring: expect.stringMatching(/queued|running|done/) });
    expect(interviewRow(interviewId)).toMatchObject({ status: 'completed', end_reason: 'candidate_hung_up' });
    const audit = fx.db.prepare(`select new_values from audit_log where entity_id = ? and action = 'application_status_changed'`).get(applicationId) as { new_values: string };
    expect(JSON.parse(audit.new_values)).toMatchObject({ status: 'interviewed', end_reason: 'candidate_hung_up' });

    // Scored with the one answer given; no further turn is taken.
    expect((await waitForScore(interviewId))?.overall_score).toEqual(expect.any(Number));
    expectProblem(await turn(sessionToken, 'Wait, one more thing.'), 409);
    const segments = fx.db.prepare(`select count(*) as n from transcript_segments where interview_id = ? and speaker = 'candidate'`).get(interviewId);
    expect(segments).toEqual({ n: 1 });

    // A retried hang-up (or the timer firing after it) answers how it ended and changes nothing.
    const again = await end(sessionToken, 'time_up');
    expect(again.status).toBe(200);
    expect(again.body.interview).toMatchObject({ end_reason: 'candidate_hung_up', ended_at: ended.body.interview.ended_at, scoring: 'done' });
  });

  it("records the page's timer as time_up, and queues nothing when the candidate said nothing", async () => {
    const { sessionToken, interviewId } = await startSession(fx);
    expect((await turn(sessionToken, '')).status).toBe(200);
    const ended = await end(sessionToken, 'time_up');
    expect(ended.status).toBe(200);
    expect(ended.body.interview).toMatchObject({ end_reason: 'time_up', scoring: 'not_needed' });
    expect(interviewRow(interviewId)).toMatchObject({ status: 'completed', end_reason: 'time_up', scoring_status: null });
  });

  it('refuses an interview that has not started, and a reason it does not know', async () => {
    const invited = await inviteFreshApplicant(fx);
    const { session_token: sessionToken, interview } = (await redeem(invited.invitationToken)).body;
    expect(expectProblem(await end(sessionToken), 409).detail).toMatch(/not started/);
    expectProblem(await end(sessionToken, 'bored'), 400);
    expect(interviewRow(interview.id)).toMatchObject({ status: 'scheduled', end_reason: null });
    expectProblem(await api('/api/interview-session/end', { method: 'POST', json: { reason: 'time_up' } }), 401);
  });
});

describe('close-abandoned-interviews (timer)', () => {
  const backdate = (interviewId: string, ms: number) => {
    const at = (iso: string) => new Date(new Date(iso).getTime() - ms).toISOString();
    const started = (fx.db.prepare('select started_at from interviews where id = ?').get(interviewId) as { started_at: string }).started_at;
    fx.db.prepare('update interviews set started_at = ? where id = ?').run(at(started), interviewId);
    for (const s of fx.db.prepare('select id, created_at from transcript_segments where interview_id = ?').all(interviewId) as Array<{ id: string; created_at: string }>) {
      fx.db.prepare('update transcript_segments set created_at = ? where id = ?').run(at(s.created_at), s.id);
    }
  };

  it('ends interviews with no turn for the configured time as abandoned and scores what was said; live ones stay', async () => {
    const idle = await startSession(fx);
    await turn(idle.sessionToken, '');
    await turn(idle.sessionToken, 'I mentor engineers and design SQL schemas.');
    backdate(idle.interviewId, 2 * 3_600_000);
    const silent = await startSession(fx);
    await turn(silent.sessionToken, '');
    backdate(silent.interviewId, 2 * 3_600_000);
    const live = await startSession(fx);
    await turn(live.sessionToken, '');

    expect((await api('/admin/functions/close-abandoned-interviews', { method: 'POST', json: {} })).status).toBe(202);

    expect(interviewRow(idle.interviewId)).toMatchObject({ status: 'completed', end_reason: 'abandoned' });
    expect(Number(interviewRow(idle.interviewId).duration_seconds)).toBeLessThan(60);
    expect((await waitForScore(idle.interviewId))?.overall_score).toEqual(expect.any(Number));
    expect(interviewRow(silent.interviewId)).toMatchObject({ status: 'completed', end_reason: 'abandoned', scoring_status: null });
    expect(interviewRow(live.interviewId)).toMatchObject({ status: 'in_progress', end_reason: null });
    expect(fx.db.prepare('select status from applications where id = ?').get(idle.applicationId)).toEqual({ status: 'reviewed' });
  });
});
