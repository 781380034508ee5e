import { z } from 'zod';
import { InterviewSummarySchema } from '../../../shared/domain/interview-schemas';
import { defineHttpFunction, json } from '../../../shared/http/definition';
import { listApplicationInterviews } from '../../../shared/interviews/review/interview-review';
import { routeId } from '../../../shared/http/route-ids';

export const listApplicationInterviewsFunction = defineHttpFunction({
  name: 'list-application-interviews',
  route: 'applications/{applicationId:guid}/interviews',
  methods: ['GET'],
  access: 'user',
  summary: "List an application's interviews",
  description: 'For members of the role’s organisation and for the candidate, newest first.',
  tags: ['interviews'],
  responses: { 200: { description: 'The interviews.', schema: z.object({ items: z.array(InterviewSummarySchema) }) } },
  handle: async ({ params, caller, data }) =>
    json(200, { items: await data.run((db) => listApplicationInterviews(db, caller, routeId(params, 'applicationId'))) }, { 'cache-control': 'no-store' }),
});
