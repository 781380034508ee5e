import { etagOf } from '../../../shared/http/concurrency';
import { defineHttpFunction, json } from '../../../shared/http/definition';
import { InterviewViewSchema } from '../../../shared/domain/interview-schemas';
import { readInterview } from '../../../shared/interviews/review/interview-review';
import { routeId } from '../../../shared/http/route-ids';

export const getInterviewFunction = defineHttpFunction({
  name: 'get-interview',
  route: 'interviews/{interviewId:guid}',
  methods: ['GET'],
  access: 'user',
  summary: 'Read an interview',
  description:
    'Staff of the organisation get the interview with its transcript, score, dimensions and anti-cheat notes (the read is ' +
    "audited); the ETag is the score's version, for an override. The candidate gets the status and the feedback meant for them.",
  tags: ['interviews'],
  responses: { 200: { description: 'The interview as the caller may see it.', schema: InterviewViewSchema } },
  handle: async ({ params, caller, data }) => {
    const view = await data.run((db) => readInterview(db, caller, routeId(params, 'interviewId')));
    const etag = view.audience === 'staff' && view.score ? { etag: etagOf(view.score.version) } : undefined;
    return json(200, view, { 'cache-control': 'no-store', ...etag });
  },
});
