import { randomUUID } from 'node:crypto';
import { api, expectProblem } from '../../support/api';
import { buildFixture, type Fixture } from '../../matrix/fixture';

type StaffView = {
  audience: 'staff';
  interview: { id: string; anti_cheat_signals: unknown[]; has_recording: boolean };
  transcript: Array<{ speaker: string; content: string }>;
  score: { overall_score: number; effective_score: number; human_override: null | { overall_score: number; reason: string; by: string }; dimensions: unknown[]; anti_cheat_notes: string; version: number };
};

let fx: Fixture;
beforeAll(async () => {
  fx = await buildFixture();
}, 60_000);
afterAll(() => fx.db.close());

function newScoredInterview(): string {
  const at = new Date().toISOString();
  const id = randomUUID();
  fx.db.prepare(`insert into interviews (id, application_id, status, created_at, updated_at) values (?, ?, 'completed', ?, ?)`).run(id, fx.applicationA, at, at);
  fx.db.prepare(`insert into interview_scores (id, interview_id, overall_score, candidate_feedback, created_at, updated_at) values (?, ?, 64, 'Good.', ?, ?)`).run(randomUUID(), id, at, at);
  return id;
}

describe('GET /api/interviews/{interviewId}', () => {
  it('gives staff the transcript in order, the score with dimensions and the anti-cheat notes, and audits the read', async () => {
    const response = await api<StaffView>(`/api/interviews/${fx.interviewA}`, { token: fx.tokens.viewer });
    expect(response.status).toBe(200);
    expect(response.body.audience).toBe('staff');
    expect(response.body.transcript.map((s) => s.speaker)).toEqual(['ai', 'candidate']);
    expect(response.body.score).toMatchObject({ overall_score: 78, effective_score: 78, anti_cheat_notes: 'One tab switch.', human_override: null });
    expect(response.body.score.dimensions).toHaveLength(1);
    expect(response.body.interview.anti_cheat_signals).toEqual([expect.objectContaining({ type: 'tab_switch' })]);
    expect(response.headers.get('etag')).toBe(`"${response.body.score.version}"`);
    const audit = fx.db.prepare(`select * from audit_log where action = 'interview_viewed' and entity_id = ? and user_id = ?`).all(fx.interviewA, fx.userIds.viewer);
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  it('gives the candidate only the status and the feedback meant for them', async () => {
    const response = await api<{ audience: string; interview: Record<string, unknown> }>(`/api/interviews/${fx.interviewA}`, { token: fx.tokens.candidateOwner });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      audience: 'candidate',
      interview: expect.objectContaining({ id: fx.interviewA, status: 'completed', candidate_feedback: 'Clear answers; expand on testing.' }),
    });
    expect(response.text).not.toMatch(/Internal narrative|One tab switch|tab_switch|payments API|overall_score/);
  });

  it('answers 404 to staff of another organisation and to other candidates', async () => {
    expectProblem(await api(`/api/interviews/${fx.interviewA}`, { token: fx.tokens.otherOrgAdmin }), 404);
    expectProblem(await api(`/api/interviews/${fx.interviewA}`, { token: fx.tokens.otherCandidate }), 404);
    expectProblem(await api(`/api/interviews/${randomUUID()}`, { token: fx.tokens.admin }), 404);
  });
});

describe('POST /api/interviews/{interviewId}/score-override', () => {
  const body = { overall_score: 85.5, reason: 'Panel review found stronger evidence of system design.' };

  it("records the override with who, when and why, and keeps the AI's score", async () => {
    const interviewId = newScoredInterview();
    const response = await api<StaffView['score']>(`/api/interviews/${interviewId}/score-override`, {
      method: 'POST', token: fx.tokens.recruiter, json: body, headers: { 'if-match': '"1"' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ overall_score: 64, effective_score: 85.5, version: 2, human_override: { overall_score: 85.5, reason: body.reason, by: fx.userIds.recruiter } });
    expect(response.headers.get('etag')).toBe('"2"');
    const row = fx.db.prepare('select overall_score, human_override, human_override_at from interview_scores where interview_id = ?').get(interviewId) as Record<string, unknown>;
    expect(row).toMatchObject({ overall_score: 64, human_override: 1 });
    const audit = fx.db.prepare(`select old_values, new_values from audit_log where action = 'score_override' and entity_id = ?`).get(interviewId) as { old_values: string; new_values: string };
    expect(JSON.parse(audit.old_values)).toEqual({ effective_score: 64, ai_score: 64 });
    expect(JSON.parse(audit.new_values)).toEqual({ effective_score: 85.5, reason_length: body.reason.length });
  });

  it('lets one of two overrides based on the same version win; the other gets 412 and changes nothing', async () => {
    const interviewId = newScoredInterview();
    const send = (score: number, token: string | undefined) =>
      api(`/api/interviews/${interviewId}/score-override`, { method: 'POST', token, json: { ...body, overall_score: score }, headers: { 'if-match': '"1"' } });
    const results = await Promise.all([send(90, fx.tokens.admin), send(20, fx.tokens.recruiter)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const winner = results.find((r) => r.status === 200)?.body as { effective_score: number };
    const stored = fx.db.prepare('select human_override_score, version from interview_scores where interview_id = ?').get(interviewId);
    expect(stored).toEqual({ human_override_score: winner.effective_score, version: 2 });
  });

  it('requires If-Match (428), and a current one (412)', async () => {
    const interviewId = newScoredInterview();
    expectProblem(await api(`/api/interviews/${interviewId}/score-override`, { method: 'POST', token: fx.tokens.admin, json: body }), 428);
    expectProblem(await api(`/api/interviews/${interviewId}/score-override`, { method: 'POST', token: fx.tokens.admin, json: body, headers: { 'if-match': '"7"' } }), 412);
    expectProblem(await api(`/api/interviews/${interviewId}/score-override`, { method: 'POST', token: fx.tokens.admin, json: body, headers: { 'if-match': 'W/"abc"' } }), 400);
  });

  it.each([
    [{ overall_score: 101, reason: 'A reason that is long enough.' }, 'overall_score'],
    [{ overall_score: 50, reason: 'short' }, 'reason'],
    [{ overall_score: 50 }, 'reason'],
    [{ overall_score: 50, reason: 'A reason that is long enough.', scored_by: 'human' }, '(root)'],
  ])('refuses %p with a field error', async (invalid, path) => {
    const response = await api(`/api/interviews/${newScoredInterview()}/score-override`, { method: 'POST', token: fx.tokens.admin, json: invalid, headers: { 'if-match': '"1"' } });
    expect(expectProblem(response, 400).errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });

  it('answers 409 for an interview that has not been scored', async () => {
    const at = new Date().toISOString();
    const id = randomUUID();
    fx.db.prepare(`insert into interviews (id, application_id, status, created_at, updated_at) values (?, ?, 'in_progress', ?, ?)`).run(id, fx.applicationA, at, at);
    expectProblem(await api(`/api/interviews/${id}/score-override`, { method: 'POST', token: fx.tokens.admin, json: body, headers: { 'if-match': '"1"' } }), 409);
  });

  it('never lets the candidate write a score', async () => {
    const interviewId = newScoredInterview();
    expectProblem(await api(`/api/interviews/${interviewId}/score-override`, { method: 'POST', token: fx.tokens.candidateOwner, json: body, headers: { 'if-match': '"1"' } }), 404);
    expect(fx.db.prepare('select human_override from interview_scores where interview_id = ?').get(interviewId)).toEqual({ human_override: 0 });
  });
});
