import { defineHttpFunction, json } from '../../../shared/http/definition';
import { CandidateFeedbackSchema, readSessionFeedback } from '../../../shared/interviews/feedback/candidate-feedback';

export const getSessionFeedbackFunction = defineHttpFunction({
  name: 'get-session-feedback',
  route: 'interview-session/feedback',
  methods: ['GET'],
  access: 'session',
  summary: "The candidate's feedback on this interview, with the session token",
  description:
    'For the completion page right after the interview: where scoring stands (poll until done or failed) and, once ' +
    "scored, the feedback written for the candidate. Never scores or staff notes.",
  tags: ['interview-session'],
  responses: {
    200: { description: 'Where scoring stands and the feedback once scored.', schema: CandidateFeedbackSchema },
  },
  handle: async ({ session, data }) => json(200, await data.run((db) => readSessionFeedback(db, session)), { 'cache-control': 'no-store' }),
});
