import { randomUUID } from 'node:crypto';
import type { QueueServiceClient } from '@azure/storage-queue';
import { api, baseUrl } from '../support/api';
import { buildFixture, type Fixture } from '../matrix/fixture';
import { startSession } from '../interviews/session/invitations';
import { GOOD_ANSWERS, insertInterview, scoringState, setApplicationStatus } from '../interviews/scoring/interview-rows';
import { waitFor } from '../invitations/helpers';
import { drained, queueService, runFunction, sendRaw } from './queue-support';

let fx: Fixture;
let queues: QueueServiceClient;
beforeAll(async () => {
  fx = await buildFixture();
  queues = queueService();
}, 60_000);
afterAll(() => fx.db.close());

const scoreRows = (interviewId: string) => fx.db.prepare('select version, scored_by from interview_scores where interview_id = ?').all(interviewId);

describe('interview scoring through the interview-scoring queue', () => {
  it('scores an interview from its queue message once it ends, once even when the message comes again', async () => {
    const { sessionToken, interviewId } = await startSession(fx);
    const answers = ['', 'I build TypeScript APIs on Azure.', 'I designed a payments system with SQL Server.', 'I mentor junior engineers.'];
    let over = false;
    for (const message of answers) {
      if (over) break;
      const turn = await api<{ interviewOver: boolean }>('/api/ai-interviewer', { method: 'POST', token: sessionToken, json: { message, clientTurnId: randomUUID() } });
      expect(turn.status).toBe(200);
      over = turn.body.interviewOver;
    }
    expect(over).toBe(true);

    await waitFor(() => scoringState(fx.db, interviewId).scoring_status === 'done', 'the interview to be scored');
    expect(scoringState(fx.db, interviewId)).toMatchObject({ scoring_status: 'done', scoring_attempts: 1 });
    expect(scoreRows(interviewId)).toEqual([{ version: 1, scored_by: 'offline' }]);

    await sendRaw(queues, 'interview-scoring', { interviewId });
    await drained(queues, 'interview-scoring');
    expect(scoringState(fx.db, interviewId)).toMatchObject({ scoring_status: 'done', scoring_attempts: 1 });
    expect(scoreRows(interviewId)).toEqual([{ version: 1, scored_by: 'offline' }]);
  });

  it('the sweeper re-enqueues an interview whose message was lost', async () => {
    const { applicationId } = await fx.newApplicant();
    setApplicationStatus(fx.db, applicationId, 'interviewed');
    const interviewId = insertInterview(fx.db, applicationId, GOOD_ANSWERS);
    // As the interviewer's commit leaves it when the message after it could not be sent, 11 minutes ago.
    fx.db.prepare(`update interviews set scoring_status = 'queued', scoring_attempts = 0, scoring_next_attempt_at = ? where id = ?`).run(new Date(Date.now() - 11 * 60_000).toISOString(), interviewId);

    expect(await runFunction(baseUrl(), 'sweep-scoring-queue')).toBe(202);
    await waitFor(() => scoringState(fx.db, interviewId).scoring_status === 'done', 'the swept interview to be scored');
    expect(scoreRows(interviewId)).toEqual([{ version: 1, scored_by: 'offline' }]);
  });
});
