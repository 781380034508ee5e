import { z } from 'zod';
import { PageQuery } from '../../../shared/db/pagination';
import { defineHttpFunction, json } from '../../../shared/http/definition';
import { listScoreHistory } from '../../../shared/interviews/scoring/score-history';
import { ScoreRevisionSchema } from '../../../shared/interviews/scoring/scoring-schemas';
import { routeId } from '../../../shared/http/route-ids';

export const listScoreRevisionsFunction = defineHttpFunction({
  name: 'list-score-revisions',
  route: 'interviews/{interviewId:guid}/score-revisions',
  methods: ['GET'],
  access: 'user',
  summary: "List an interview's earlier scores",
  description:
    'Each re-score keeps the score it replaced (with its dimensions and any human override) as a revision. For any ' +
    'member of the organisation, newest first; the read is audited. The current score is in GET /api/interviews/{interviewId}.',
  tags: ['scoring', 'interviews'],
  query: z.strictObject({ ...PageQuery }),
  responses: {
    200: {
      description: 'One page of earlier scores.',
      schema: z.object({ items: z.array(ScoreRevisionSchema), next_cursor: z.string().nullable() }).meta({ id: 'ScoreRevisionPage' }),
    },
    404: { description: 'No such interview in your organisations.' },
  },
  handle: async ({ params, query, caller, data }) =>
    json(200, await data.run((db) => listScoreHistory(db, caller, routeId(params, 'interviewId'), query)), { 'cache-control': 'no-store' }),
});
