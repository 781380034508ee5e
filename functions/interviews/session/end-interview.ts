import { isPracticeSession } from '../../../shared/domain/interview-session';
import { stopRecordingAtEnd } from '../../../shared/calls/interview-recording';
import { defineHttpFunction, json } from '../../../shared/http/definition';
import { endPracticeInterview } from '../../../shared/interviews/practice/practice-ending';
import { EndInterviewInput, endInterviewForCandidate, InterviewEndedSchema } from '../../../shared/interviews/session/interview-ending';

export const endInterviewFunction = defineHttpFunction({
  name: 'end-interview',
  route: 'interview-session/end',
  methods: ['POST'],
  access: 'session-or-practice',
  summary: 'End the interview now: the hang-up button or the 15-minute timer',
  description:
    'Ends a started interview without another turn, records why, and queues scoring with what the candidate said ' +
    '(nothing is scored when they said nothing). Ending an interview that has already ended answers how it ended. ' +
    'The call’s recording, if one runs, is stopped. The session stays valid, so the completion page can read the feedback with it. ' +
    'With a practice interview\'s session the same: its feedback is written before the answer (scoring done, or failed: ' +
    'end it again to retry) and read with GET /api/candidate/practice-interviews/{id}.',
  tags: ['interview-session'],
  body: EndInterviewInput,
  bodyLimitBytes: 1024,
  responses: {
    200: { description: 'How the interview ended and where its scoring stands.', schema: InterviewEndedSchema },
    409: { description: 'The interview has not started yet, or was cancelled.' },
  },
  handle: async ({ session, data, body, services, log }) => {
    if (isPracticeSession(session)) return json(200, await endPracticeInterview(data, services.ai, log, session, body), { 'cache-control': 'no-store' });
    const ended = await endInterviewForCandidate(data, services.queues, log, session, body);
    await stopRecordingAtEnd(data, services.callAutomation, session.interview_id, log);
    return json(200, ended, { 'cache-control': 'no-store' });
  },
});
