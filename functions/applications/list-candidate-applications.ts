import { z } from 'zod';
import { listCandidateApplications, ListCandidateApplicationsQuery } from '../../shared/applications/list-candidate-applications';
import { CandidateApplicationSchema } from '../../shared/domain/application-schemas';
import { defineHttpFunction, json } from '../../shared/http/definition';

export const listCandidateApplicationsFunction = defineHttpFunction({
  name: 'list-candidate-applications',
  route: 'candidate/applications',
  methods: ['GET'],
  access: 'user',
  summary: "The caller's own applications",
  description: 'Newest first, each with the role title, the organisation name and the status.',
  tags: ['applications'],
  query: ListCandidateApplicationsQuery,
  responses: {
    200: {
      description: 'One page of the caller’s applications.',
      schema: z
        .object({ items: z.array(CandidateApplicationSchema), next_cursor: z.string().nullable() })
        .meta({ id: 'CandidateApplicationPage' }),
    },
  },
  handle: async ({ query, caller, data }) =>
    json(200, await data.run((db) => listCandidateApplications(db, caller, query)), { 'cache-control': 'no-store' }),
});
