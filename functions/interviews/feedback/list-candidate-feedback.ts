import { z } from 'zod';
import { defineHttpFunction, json } from '../../../shared/http/definition';
import { CandidateFeedbackSchema, listCandidateFeedback, ListCandidateFeedbackQuery } from '../../../shared/interviews/feedback/candidate-feedback';

export const listCandidateFeedbackFunction = defineHttpFunction({
  name: 'list-candidate-feedback',
  route: 'candidate/feedback',
  methods: ['GET'],
  access: 'user',
  summary: "The signed-in candidate's interview feedback across all their applications",
  description: 'Every finished interview of the caller’s applications, newest first, with where scoring stands and the feedback once scored. Never scores or staff notes.',
  tags: ['interviews'],
  query: ListCandidateFeedbackQuery,
  responses: {
    200: {
      description: 'One page of feedback.',
      schema: z.object({ items: z.array(CandidateFeedbackSchema), next_cursor: z.string().nullable() }).meta({ id: 'CandidateFeedbackPage' }),
    },
  },
  handle: async ({ caller, query, data }) => json(200, await data.run((db) => listCandidateFeedback(db, caller, query)), { 'cache-control': 'no-store' }),
});
