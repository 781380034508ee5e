import { join } from 'node:path';
import { openDatabase as openKysely } from '../../../shared/db/database';
import { queueScoring } from '../../../shared/interviews/scoring/scoring-queue';
import { api, dataDir } from '../../support/api';
import { buildFixture, type Fixture } from '../../matrix/fixture';
import { GOOD_ANSWERS, insertInterview, queueForScoring, scoringState, setApplicationStatus } from './interview-rows';

let fx: Fixture;
beforeAll(async () => {
  fx = await buildFixture();
}, 60_000);
afterAll(() => fx.db.close());

/** Delivers the interview-scoring message now, as Core Tools' admin endpoint does. */
const deliverNow = async (interviewId: string) =>
  expect((await api('/admin/functions/score-finished-interview', { method: 'POST', json: { input: JSON.stringify({ interviewId }) } })).status).toBe(202);
const runSweeper = async () => expect((await api('/admin/functions/sweep-scoring-queue', { method: 'POST', json: { input: '' } })).status).toBe(202);

async function interviewed(options = {}) {
  const { applicationId } = await fx.newApplicant();
  setApplicationStatus(fx.db, applicationId, 'interviewed');
  return { applicationId, interviewId: insertInterview(fx.db, applicationId, GOOD_ANSWERS, options) };
}

const scoringCalls = () =>
  (fx.db.prepare(`select count(*) as n from ai_usage where organisation_id = ? and task = 'score-interview'`).get(fx.orgA) as { n: number }).n;

describe('automatic scoring (queue function score-finished-interview)', () => {
  it('scores an interview queued when it ended, moves the application to reviewed, and audits it as the platform', async () => {
    const { applicationId, interviewId } = await interviewed();
    await queueForScoring(dataDir(), interviewId);
    expect(scoringState(fx.db, interviewId)).toMatchObject({ scoring_status: 'queued', scoring_attempts: 0 });
    await deliverNow(interviewId);
    expect(scoringState(fx.db, interviewId)).toEqual({ scoring_status: 'done', scoring_attempts: 1, scoring_next_attempt_at: null, scoring_last_error: null });
    expect(fx.db.prepare('select scored_by, prompt_version from interview_scores where interview_id = ?').get(interviewId)).toEqual({ scored_by: 'offline', prompt_version: 'score-interview/v1' });
    expect(fx.db.prepare('select count(*) as n from score_dimensions where interview_id = ?').get(interviewId)).toEqual({ n: 3 });
    expect(fx.db.prepare('select status from applications where id = ?').get(applicationId)).toEqual({ status: 'reviewed' });
    const audit = fx.db.prepare(`select user_id, new_values from audit_log where action = 'interview_scored' and entity_id = ?`).get(interviewId) as { user_id: string | null; new_values: string };
    expect(audit.user_id).toBeNull();
    expect(JSON.parse(audit.new_values)).toMatchObject({ trigger: 'automatic' });
  });

  it('scores once when its message is delivered three times at the same moment', async () => {
    const { interviewId } = await interviewed();
    await queueForScoring(dataDir(), interviewId);
    const before = scoringCalls();
    await Promise.all([deliverNow(interviewId), deliverNow(interviewId), deliverNow(interviewId)]);
    expect(scoringState(fx.db, interviewId)).toMatchObject({ scoring_status: 'done', scoring_attempts: 1 });
    expect(fx.db.prepare('select version from interview_scores where interview_id = ?').get(interviewId)).toEqual({ version: 1 });
    expect(fx.db.prepare('select count(*) as n from interview_score_revisions where interview_id = ?').get(interviewId)).toEqual({ n: 0 });
    expect(scoringCalls() - before).toBe(1);
  });

  it('marks an interview that cannot be scored as failed at once, with the reason and no retries', async () => {
    const { interviewId } = await interviewed({ status: 'in_progress' });
    await queueForScoring(dataDir(), interviewId);
    await deliverNow(interviewId);
    const state = scoringState(fx.db, interviewId);
    expect(state).toMatchObject({ scoring_status: 'failed', scoring_attempts: 1, scoring_next_attempt_at: null });
    expect(state.scoring_last_error).toMatch(/^conflict: Only a completed interview can be scored/);
    await deliverNow(interviewId);
    expect(scoringState(fx.db, interviewId).scoring_attempts).toBe(1);
  });

  it('takes over a run whose worker stopped once its lease ran out; the sweeper fails one that stopped on its last attempt', async () => {
    const past = new Date(Date.now() - 1000).toISOString();
    const stalled = (await interviewed()).interviewId;
    fx.db.prepare(`update interviews set scoring_status = 'running', scoring_attempts = 1, scoring_next_attempt_at = ? where id = ?`).run(past, stalled);
    const exhausted = (await interviewed()).interviewId;
    fx.db.prepare(`update interviews set scoring_status = 'running', scoring_attempts = 5, scoring_next_attempt_at = ? where id = ?`).run(past, exhausted);
    const leased = (await interviewed()).interviewId;
    const future = new Date(Date.now() + 60_000).toISOString();
    fx.db.prepare(`update interviews set scoring_status = 'running', scoring_attempts = 1, scoring_next_attempt_at = ? where id = ?`).run(future, leased);
    await Promise.all([deliverNow(stalled), deliverNow(exhausted), deliverNow(leased)]);
    expect(scoringState(fx.db, exhausted)).toMatchObject({ scoring_status: 'running', scoring_attempts: 5 });
    await runSweeper();
    expect(scoringState(fx.db, stalled)).toMatchObject({ scoring_status: 'done', scoring_attempts: 2 });
    expect(scoringState(fx.db, exhausted)).toMatchObject({ scoring_status: 'failed', scoring_attempts: 5, scoring_last_error: expect.stringMatching(/stopped before it finished/) });
    expect(scoringState(fx.db, leased)).toMatchObject({ scoring_status: 'running', scoring_attempts: 1 });
    expect(fx.db.prepare('select count(*) as n from interview_scores where interview_id in (?, ?)').get(exhausted, leased)).toEqual({ n: 0 });
  });

  it('does not queue again an interview whose scoring is running; queues a failed one afresh', async () => {
    const handle = openKysely({ provider: 'sqlite', path: join(dataDir(), 'talenti.sqlite'), acquireTimeoutMs: 5000 });
    try {
      const { interviewId } = await interviewed();
      fx.db.prepare(`update interviews set scoring_status = 'running', scoring_attempts = 2 where id = ?`).run(interviewId);
      expect(await queueScoring(handle.db, interviewId)).toBe(false);
      fx.db.prepare(`update interviews set scoring_status = 'failed', scoring_attempts = 5, scoring_last_error = 'x' where id = ?`).run(interviewId);
      expect(await queueScoring(handle.db, interviewId)).toBe(true);
      expect(scoringState(fx.db, interviewId)).toMatchObject({ scoring_status: 'queued', scoring_attempts: 0, scoring_last_error: null });
    } finally {
      await handle.close();
    }
  });

  it('leaves a queue entry alone once staff scored the interview on demand', async () => {
    const { interviewId } = await interviewed();
    await queueForScoring(dataDir(), interviewId);
    expect((await api('/api/score-interview', { method: 'POST', token: fx.tokens.recruiter, json: { interviewId } })).status).toBe(200);
    expect(scoringState(fx.db, interviewId).scoring_status).toBe('done');
    await deliverNow(interviewId);
    expect(fx.db.prepare('select version from interview_scores where interview_id = ?').get(interviewId)).toEqual({ version: 1 });
  });
});
