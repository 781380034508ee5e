import { z } from 'zod';
import { defineHttpFunction, json } from '../../../shared/http/definition';
import { readSession } from '../../../shared/interviews/session/candidate-session';
import { LobbySchema } from '../../../shared/interviews/session/lobby';

export const getInterviewSessionFunction = defineHttpFunction({
  name: 'get-interview-session',
  route: 'interview-session',
  methods: ['GET'],
  access: 'session',
  summary: "The candidate's interview: status, plan and consents",
  description: 'For the lobby and the live page, with the session token from redeeming the invitation.',
  tags: ['interview-session'],
  responses: {
    200: {
      description: 'The interview as the candidate sees it.',
      schema: z
        .object({
          interview: z.object({ id: z.uuid(), status: z.string(), started_at: z.iso.datetime().nullable(), question_index: z.number().int(), is_practice: z.boolean() }),
          lobby: LobbySchema,
        })
        .meta({ id: 'InterviewSessionView' }),
    },
  },
  handle: async ({ session, data }) => json(200, await data.run((db) => readSession(db, session)), { 'cache-control': 'no-store' }),
});
