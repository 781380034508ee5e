import { randomUUID } from 'node:crypto';
import { api, expectProblem } from '../../support/api';
import { buildFixture, type Fixture } from '../../matrix/fixture';
import { startSession } from '../session/invitations';

interface Feedback {
  interview_id: string;
  application_id: string;
  job_role_id: string;
  role_title: string;
  organisation_name: string;
  status: string;
  ended_at: string | null;
  scoring: string | null;
  feedback: string | null;
}

let fx: Fixture;
let roleTitle: string;
beforeAll(async () => {
  fx = await buildFixture();
  roleTitle = (fx.db.prepare('select title from job_roles where id = ?').get(fx.roleA) as { title: string }).title;
}, 60_000);
afterAll(() => fx.db.close());

const turn = (sessionToken: string, message: string) => api('/api/ai-interviewer', { method: 'POST', token: sessionToken, json: { message, clientTurnId: randomUUID() } });
const sessionFeedback = (sessionToken: string) => api<Feedback>('/api/interview-session/feedback', { token: sessionToken });
const storedFeedback = (interviewId: string) =>
  (fx.db.prepare('select candidate_feedback from interview_scores where interview_id = ?').get(interviewId) as { candidate_feedback: string } | undefined)?.candidate_feedback;

async function scoredFeedback(sessionToken: string): Promise<Feedback> {
  for (let waited = 0; waited < 15_000; waited += 200) {
    const response = await sessionFeedback(sessionToken);
    if (response.body.scoring === 'done') return response.body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('scoring did not finish');
}

describe('candidate feedback', () => {
  it('with the session token: nothing while the interview runs, then the feedback written for the candidate once scored, and never the scores', async () => {
    const { sessionToken, interviewId, applicationId, token } = await startSession(fx);
    const before = await sessionFeedback(sessionToken);
    expect(before.status).toBe(200);
    expect(before.body).toEqual({
      interview_id: interviewId,
      application_id: applicationId,
      job_role_id: fx.roleA,
      role_title: roleTitle,
      organisation_name: expect.any(String),
      status: 'scheduled',
      ended_at: null,
      scoring: null,
      feedback: null,
    });

    await turn(sessionToken, '');
    await turn(sessionToken, 'I designed an event-driven billing system on Azure and mentored four engineers.');
    expect((await api('/api/interview-session/end', { method: 'POST', token: sessionToken, json: { reason: 'candidate_hung_up' } })).status).toBe(200);
    const scored = await scoredFeedback(sessionToken);
    expect(scored).toMatchObject({ interview_id: interviewId, status: 'completed', ended_at: expect.any(String), scoring: 'done' });
    expect(scored.feedback).toBe(storedFeedback(interviewId));
    expect(scored.feedback).toEqual(expect.any(String));
    const text = (await sessionFeedback(sessionToken)).text;
    expect(text).not.toMatch(/overall_score|narrative|anti_cheat|dimension/);

    // Later, signed in: the same feedback in the list across their applications.
    const list = await api<{ items: Feedback[]; next_cursor: string | null }>('/api/candidate/feedback', { token });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([scored]);
    expect((await api<{ items: Feedback[] }>('/api/candidate/feedback', { token: fx.tokens.otherCandidate })).body.items.map((i) => i.interview_id)).not.toContain(interviewId);
    expect((await api<{ items: Feedback[] }>('/api/candidate/feedback', { token: fx.tokens.recruiter })).body.items).toEqual([]);
  });

  it('says there is nothing to score when the candidate said nothing, and lists only finished interviews', async () => {
    const silent = await startSession(fx);
    await turn(silent.sessionToken, '');
    const running = await api<{ items: Feedback[] }>('/api/candidate/feedback', { token: silent.token });
    expect(running.body.items).toEqual([]);
    await api('/api/interview-session/end', { method: 'POST', token: silent.sessionToken, json: { reason: 'time_up' } });
    expect((await sessionFeedback(silent.sessionToken)).body).toMatchObject({ status: 'completed', scoring: 'not_needed', feedback: null });
    const listed = await api<{ items: Feedback[] }>('/api/candidate/feedback?limit=1', { token: silent.token });
    expect(listed.body.items.map((i) => [i.interview_id, i.scoring])).toEqual([[silent.interviewId, 'not_needed']]);
    expectProblem(await api('/api/candidate/feedback?cursor=x', { token: silent.token }), 400);
    expectProblem(await api('/api/interview-session/feedback'), 401);
  });
});
