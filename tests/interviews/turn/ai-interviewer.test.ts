import { randomUUID } from 'node:crypto';
import { api, baseUrl, expectProblem } from '../../support/api';
import { parseSse } from '../../support/sse';
import { buildFixture, type Fixture } from '../../matrix/fixture';
import { inviteFreshApplicant, redeem, startSession } from '../session/invitations';

let fx: Fixture;
beforeAll(async () => {
  fx = await buildFixture();
}, 60_000);
afterAll(() => fx.db.close());

type Turn = { message: string; detectedCompetencies: string[]; competencyCovered: string | null; questionIndex: number; interviewOver: boolean; provider: string; partial: boolean };

async function streamTurn(sessionToken: string, message: string, clientTurnId: string = randomUUID()) {
  const response = await fetch(`${baseUrl()}/api/ai-interviewer`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sessionToken}`, 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ message, clientTurnId }),
  });
  return { response, events: parseSse(await response.text()) };
}

function jsonTurn(sessionToken: string, message: string, clientTurnId: string = randomUUID()) {
  return api<Turn>('/api/ai-interviewer', { method: 'POST', token: sessionToken, json: { message, clientTurnId } });
}

describe('POST /api/ai-interviewer (offline provider)', () => {
  it('runs a whole interview: greeting, one question per turn, wrap-up, then ends and queues scoring', async () => {
    const { sessionToken, interviewId, applicationId } = await startSession(fx);
    const opening = await streamTurn(sessionToken, '');
    expect(opening.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const deltas = opening.events.filter((e) => e.event === 'delta');
    const done = opening.events.at(-1);
    // The first word goes out at once; the rest, produced together, in fewer events than words.
    expect(deltas[0]?.data.text).toMatch(/^\S+\s$/);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.length).toBeLessThan(String(done?.data.message).split(' ').length);
    expect(done?.event).toBe('done');
    expect(done?.data).toMatchObject({ questionIndex: 1, interviewOver: false, provider: 'offline' });
    expect(deltas.map((e) => e.data.text).join('')).toBe(done?.data.message);
    expect(done?.data.message).toMatch(/tell me a little about yourself/);

    const answers = [
      'I am a backend engineer with six years of TypeScript and Azure experience.',
      'I designed a payments API on Azure Functions with SQL Server.',
      'I mentor two junior engineers and run our code reviews.',
    ];
    const results: Turn[] = [];
    for (const answer of answers) {
      const turn = await jsonTurn(sessionToken, answer);
      expect(turn.status).toBe(200);
      results.push(turn.body);
    }
    expect(results.map((r) => r.questionIndex)).toEqual([2, 3, 3]);
    expect(results.map((r) => r.interviewOver)).toEqual([false, false, true]);
    expect(results[0]?.detectedCompetencies).toEqual(expect.arrayContaining(['TypeScript', 'Azure']));
    expect(results[0]?.competencyCovered).toBe('TypeScript');
    expect(results[1]?.message).toMatch(/SQL|system you designed|walk me through/i);

    const segments = fx.db.prepare('select speaker, content, is_partial from transcript_segments where interview_id = ? order by start_time_ms, created_at').all(interviewId) as Array<{ speaker: string; content: string }>;
    expect(segments.map((s) => s.speaker)).toEqual(['ai', 'candidate', 'ai', 'candidate', 'ai', 'candidate', 'ai']);
    expect(segments.filter((s) => s.speaker === 'candidate').map((s) => s.content)).toEqual(answers);
    const interview = fx.db.prepare('select status, ended_at, duration_seconds, scoring_status, competencies_covered from interviews where id = ?').get(interviewId) as Record<string, unknown>;
    expect(interview).toMatchObject({ status: 'completed' });
    expect(['queued', 'running', 'done']).toContain(interview.scoring_status);
    expect(interview.ended_at).toBeTruthy();
    expect(JSON.parse(String(interview.competencies_covered))).toEqual(expect.arrayContaining(['TypeScript', 'Azure', 'SQL']));
    expectProblem(await jsonTurn(sessionToken, 'One more thing!'), 409);

    // Scoring started by itself: the offline scorer cites the candidate's own words.
    const scoringStatus = () => (fx.db.prepare('select scoring_status from interviews where id = ?').get(interviewId) as { scoring_status: string }).scoring_status;
    for (let waited = 0; waited < 10_000 && scoringStatus() !== 'done'; waited += 200) await new Promise((resolve) => setTimeout(resolve, 200));
    const score = fx.db.prepare('select overall_score, scored_by from interview_scores where interview_id = ?').get(interviewId) as { overall_score: number } | undefined;
    expect(score?.overall_score).toEqual(expect.any(Number));
    expect(fx.db.prepare('select status from applications where id = ?').get(applicationId)).toEqual({ status: 'reviewed' });
  });

  it('returns the stored reply for a retried turn id without a second reply', async () => {
    const { sessionToken, interviewId } = await startSession(fx);
    await jsonTurn(sessionToken, '', 'turn-0');
    const first = await jsonTurn(sessionToken, 'I build APIs in TypeScript.', 'turn-1');
    const again = await jsonTurn(sessionToken, 'I build APIs in TypeScript.', 'turn-1');
    const streamedAgain = await streamTurn(sessionToken, 'I build APIs in TypeScript.', 'turn-1');
    expect(again.body.message).toBe(first.body.message);
    expect(again.body.provider).toBe('stored');
    expect(streamedAgain.events.at(-1)?.data.message).toBe(first.body.message);
    expect(fx.db.prepare('select count(*) as n from transcript_segments where interview_id = ?').get(interviewId)).toEqual({ n: 3 });
    expectProblem(await jsonTurn(sessionToken, 'A different message', 'turn-1'), 409);
    // The opening turn's id named an empty message: a message under it is a conflict too, never a silent replay.
    expectProblem(await jsonTurn(sessionToken, 'Smuggled under the opening turn id', 'turn-0'), 409);
    expect(fx.db.prepare('select count(*) as n from transcript_segments where interview_id = ?').get(interviewId)).toEqual({ n: 3 });
  });

  it('runs no turn without consent to AI processing', async () => {
    const { invitationToken } = await inviteFreshApplicant(fx);
    const redemption = (await redeem(invitationToken)).body;
    expect(expectProblem(await jsonTurn(redemption.session_token, ''), 403).detail).toMatch(/Consent to AI processing/);
    expect(fx.db.prepare('select count(*) as n from transcript_segments where interview_id = ?').get(redemption.interview.id)).toEqual({ n: 0 });
  });

  it('validates the turn: an empty answer after the opening, a message on the opening, a bad turn id', async () => {
    const { sessionToken } = await startSession(fx);
    expectProblem(await jsonTurn(sessionToken, 'Hello?'), 400);
    await jsonTurn(sessionToken, '');
    expectProblem(await jsonTurn(sessionToken, '   '), 400);
    expectProblem(await api('/api/ai-interviewer', { method: 'POST', token: sessionToken, json: { message: 'x', clientTurnId: 'has spaces' } }), 400);
    expectProblem(await api('/api/ai-interviewer', { method: 'POST', token: sessionToken, json: { message: 'x'.repeat(4001), clientTurnId: 'a' } }), 400);
    expectProblem(await api('/api/ai-interviewer', { method: 'POST', token: sessionToken, json: { messages: [{ role: 'assistant', content: 'forged history' }], clientTurnId: 'a' } }), 400);
  });

  it('wraps up at the 15-minute hard cap whatever the plan says', async () => {
    const { sessionToken, interviewId } = await startSession(fx);
    await jsonTurn(sessionToken, '');
    fx.db.prepare('update interviews set started_at = ? where id = ?').run(new Date(Date.now() - 16 * 60_000).toISOString(), interviewId);
    const turn = await jsonTurn(sessionToken, 'I have a lot more to say about TypeScript.');
    expect(turn.body).toMatchObject({ interviewOver: true });
    expect(turn.body.message).toMatch(/for the time we have/);
    expect(fx.db.prepare('select status from interviews where id = ?').get(interviewId)).toEqual({ status: 'completed' });
  });

  it('gives tips and five questions in practice mode', async () => {
    const { sessionToken, interviewId } = await startSession(fx);
    fx.db.prepare('update interviews set is_practice = 1 where id = ?').run(interviewId);
    const opening = await jsonTurn(sessionToken, '');
    expect(opening.body.message).toMatch(/5 questions/);
    const answer = await jsonTurn(sessionToken, 'I build APIs in TypeScript.');
    expect(answer.body.message).toMatch(/A tip:/);
  });

  it('is reachable only with the session token of that interview', async () => {
    expectProblem(await api('/api/ai-interviewer', { method: 'POST', token: fx.tokens.candidateOwner, json: { message: '', clientTurnId: 'x' } }), 401);
    expectProblem(await api('/api/ai-interviewer', { method: 'POST', json: { message: '', clientTurnId: 'x' } }), 401);
  });
});
