import { z } from 'zod';
import { PracticeInterviewSchema } from '../../../shared/domain/privacy-practice-interviews';
import { defineHttpFunction, json } from '../../../shared/http/definition';
import { ListPracticeInterviewsQuery, listOwnPracticeInterviews } from '../../../shared/interviews/practice/practice-interviews';

export const listPracticeInterviewsFunction = defineHttpFunction({
  name: 'list-practice-interviews',
  route: 'candidate/practice-interviews',
  methods: ['GET'],
  access: 'user',
  summary: "The signed-in user's practice interviews",
  description: 'Only the caller’s own, newest first.',
  tags: ['candidates', 'privacy'],
  query: ListPracticeInterviewsQuery,
  responses: {
    200: {
      description: 'A page of practice interviews.',
      schema: z
        .object({ items: z.array(PracticeInterviewSchema), next_cursor: z.string().nullable() })
        .meta({ id: 'PracticeInterviewPage' }),
    },
  },
  handle: async ({ caller, data, query }) =>
    json(200, await data.run((db) => listOwnPracticeInterviews(db, caller, query)), { 'cache-control': 'no-store' }),
});
