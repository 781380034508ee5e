import { randomUUID } from 'node:crypto';
import { api, expectProblem } from '../../support/api';
import { parseSse } from '../../support/sse';
import { signIn } from '../../organisations/helpers';
import { baseUrl, openDatabase } from '../../support/api';
import { startSession } from '../session/invitations';
import { buildFixture, type Fixture } from '../../matrix/fixture';

interface Started {
  practice_interview: { id: string; status: string; user_id: string };
  session_token: string;
  expires_at: string;
}
interface Turn {
  message: string;
  questionIndex: number;
  interviewOver: boolean;
  provider: string;
}
interface Detail {
  practice_interview: { id: string; status: string; end_reason: string | null; question_index: number; feedback: Record<string, unknown>; duration_seconds: number | null };
  transcript: Array<{ speaker: string; content: string }>;
}
type Ended = { interview: { id: string; status: string; end_reason: string | null; scoring: string } };

const PATH = '/api/candidate/practice-interviews';
const start = (token: string, sample_role_type = 'software_engineer') => api<Started>(PATH, { method: 'POST', token, json: { sample_role_type } });
const turn = (sessionToken: string, message: string, clientTurnId = randomUUID()) =>
  api<Turn>('/api/ai-interviewer', { method: 'POST', token: sessionToken, json: { message, clientTurnId } });
const streamedTurn = async (sessionToken: string, message: string) => {
  const response = await fetch(`${baseUrl()}/api/ai-interviewer`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sessionToken}`, 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ message, clientTurnId: randomUUID() }),
  });
  return { status: response.status, contentType: response.headers.get('content-type'), events: parseSse(await response.text()) };
};
const end = (sessionToken: string, reason = 'candidate_hung_up') => api<Ended>('/api/interview-session/end', { method: 'POST', token: sessionToken, json: { reason } });
const read = (token: string, id: string) => api<Detail>(`${PATH}/${id}`, { token });

const ANSWERS = [
  'I enjoy building reliable services and I bring six years of TypeScript experience to a team.',
  'I led the migration of our billing system to Azure and cut the monthly cost by a third.',
  'A release broke payments once; I rolled it back within ten minutes and added a contract test.',
  'I disagreed with a colleague on caching; we measured both designs and picked the faster one.',
  'I learned Kysely recently and used it to replace raw SQL strings in our reporting service.',
];

let fx: Fixture;
beforeAll(async () => {
  fx = await buildFixture();
}, 60_000);
afterAll(() => fx.db.close());

describe('a practice interview with the AI', () => {
  it('runs through the same turn endpoint, streamed and JSON: a greeting, five questions with tips, a wrap-up, then feedback', async () => {
    const candidate = await signIn('practice');
    const started = await start(candidate.token);
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ practice_interview: { status: 'not_started', user_id: candidate.userId }, session_token: expect.any(String), expires_at: expect.any(String) });
    const { session_token: session, practice_interview: practice } = started.body;

    const greeting = await streamedTurn(session, '');
    expect(greeting.status).toBe(200);
    expect(greeting.contentType).toMatch(/^text\/event-stream/);
    const done = greeting.events.at(-1);
    expect(greeting.events.slice(0, -1).every((e) => e.event === 'delta')).toBe(true);
    expect(done).toMatchObject({ event: 'done', data: { questionIndex: 1, interviewOver: false, provider: 'offline' } });
    expect(greeting.events.slice(0, -1).map((e) => e.data.text).join('')).toBe(done?.data.message);
    expect(String(done?.data.message)).toMatch(/software engineer role.*5 questions/);

    const replies: Turn[] = [];
    for (const answer of ANSWERS) {
      const reply = await turn(session, answer);
      expect(reply.status).toBe(200);
      replies.push(reply.body);
    }
    // Five questions: the greeting's introduction, then four, each after a tip; the fifth answer brings the wrap-up.
    expect(replies.slice(0, 4).every((r) => /A tip:/.test(r.message))).toBe(true);
    expect(replies[0]?.message).toMatch(/What draws you to software engineer work/);
    expect(replies[3]?.message).toMatch(/disagreed with someone/);
    expect(replies.slice(0, 4).map((r) => r.questionIndex)).toEqual([2, 3, 4, 5]);
    expect(replies[4]).toMatchObject({ interviewOver: true, questionIndex: 5 });
    expect(replies[4]?.message).toMatch(/feedback is ready/);

    const detail = await read(candidate.token, practice.id);
    expect(detail.status).toBe(200);
    expect(detail.body.practice_interview).toMatchObject({ id: practice.id, status: 'completed', end_reason: 'questions_done', question_index: 5 });
    expect(detail.body.transcript).toHaveLength(11);
    expect(detail.body.transcript.filter((s) => s.speaker === 'candidate').map((s) => s.content)).toEqual(ANSWERS);
    expect(detail.body.practice_interview.feedback).toMatchObject({ overall_score: expect.any(Number), candidate_feedback: expect.any(String), scored_by: 'offline' });
    expect((detail.body.practice_interview.feedback.dimensions as unknown[]).length).toBe(8);

    expectProblem(await turn(session, 'One more thing.'), 409);
    // Nothing of it reaches any organisation: no interview, application or score row names this candidate.
    expect(fx.db.prepare('select count(*) as n from applications where candidate_id = ?').get(candidate.userId)).toEqual({ n: 0 });
  });

  it('ends on hang-up through the same end endpoint, with feedback on what was said, read later by id', async () => {
    const candidate = await signIn('practice');
    const { session_token: session, practice_interview: practice } = (await start(candidate.token, 'nurse')).body;
    expect(expectProblem(await end(session), 409).detail).toMatch(/not started/);
    expect((await turn(session, '')).status).toBe(200);
    expect((await turn(session, ANSWERS[0] ?? '')).status).toBe(200);

    const ended = await end(session);
    expect(ended.status).toBe(200);
    expect(ended.body.interview).toMatchObject({ id: practice.id, status: 'completed', end_reason: 'candidate_hung_up', scoring: 'done' });
    const detail = (await read(candidate.token, practice.id)).body;
    expect(detail.practice_interview).toMatchObject({ status: 'completed', end_reason: 'candidate_hung_up', question_index: 2 });
    expect(detail.practice_interview.feedback).toMatchObject({ overall_score: expect.any(Number), scored_by: 'offline' });

    // Ending again answers how it ended; no further turn.
    expect((await end(session, 'time_up')).body.interview).toMatchObject({ end_reason: 'candidate_hung_up', scoring: 'done' });
    expectProblem(await turn(session, 'Wait.'), 409);
  });

  it('ends with nothing to give feedback on when the candidate said nothing', async () => {
    const candidate = await signIn('practice');
    const { session_token: session, practice_interview: practice } = (await start(candidate.token)).body;
    await turn(session, '');
    expect((await end(session, 'time_up')).body.interview).toMatchObject({ end_reason: 'time_up', scoring: 'not_needed' });
    expect((await read(candidate.token, practice.id)).body.practice_interview.feedback).toEqual({});
  });

  it("keeps each practice to its owner: another user's read is 404, and the practice session reaches only the turn and the end", async () => {
    const candidate = await signIn('practice');
    const other = await signIn('other');
    const { session_token: session, practice_interview: practice } = (await start(candidate.token)).body;
    expectProblem(await read(other.token, practice.id), 404);
    expectProblem(await read(candidate.token, randomUUID()), 404);
    expectProblem(await read(candidate.token, 'not-a-uuid'), 404);
    expectProblem(await api(`${PATH}/${practice.id}`), 401);
    // A practice session is not a sign-in, nor an invited interview's session.
    expectProblem(await read(session, practice.id), 401);
    expectProblem(await api('/api/interview-session', { token: session }), 401);
    expectProblem(await api('/api/interview-session/consent', { method: 'POST', token: session, json: { policy_version: 'x', ai_processing: true, recording: false } }), 401);
    // An invited interview's session still reaches its own interview, not the practice.
    const invited = await startSession(fx);
    expect((await turn(invited.sessionToken, '')).body.message).not.toMatch(/practice/i);
  });

  it('a replayed turn id gets the stored reply, and a reused one with another message is refused', async () => {
    const candidate = await signIn('practice');
    const { session_token: session } = (await start(candidate.token)).body;
    await turn(session, '');
    const id = randomUUID();
    const first = await turn(session, ANSWERS[0] ?? '', id);
    const again = await turn(session, ANSWERS[0] ?? '', id);
    expect(again.body).toMatchObject({ message: first.body.message, provider: 'stored' });
    expectProblem(await turn(session, 'Something else', id), 409);
  });
});

describe('the daily cap on practice interviews', () => {
  it('lets exactly PRACTICE_INTERVIEWS_PER_DAY (5) of many parallel starts through; the rest get 429 with Retry-After and store nothing', async () => {
    const candidate = await signIn('capped');
    const results = await Promise.all(Array.from({ length: 9 }, (_, i) => start(candidate.token, `role_${i}`)));
    const created = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 429);
    expect(created).toHaveLength(5);
    expect(refused).toHaveLength(4);
    const problem = expectProblem(refused[0] as (typeof results)[number], 429);
    expect(problem.detail).toMatch(/5 practice interviews today/);
    const retryAfter = Number(refused[0]?.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86_400);

    const db = openDatabase();
    try {
      expect(db.prepare('select count(*) as n from practice_interviews where user_id = ?').get(candidate.userId)).toEqual({ n: 5 });
      expect(db.prepare(`select count(*) as n from audit_log where user_id = ? and action = 'practice_interview_created'`).get(candidate.userId)).toEqual({ n: 5 });
    } finally {
      db.close();
    }
    // Another candidate's day is their own.
    expect((await start((await signIn('capped')).token)).status).toBe(201);
  });
});
