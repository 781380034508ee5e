import { z } from 'zod';
import { DeletionRequestStatusSchema } from '../../shared/domain/privacy-deletion-requests';
import { defineHttpFunction, json } from '../../shared/http/definition';
import {
  ListOrganisationDeletionRequestsQuery,
  listOrganisationDeletionRequests,
} from '../../shared/privacy/deletion-requests';
import { routeId } from '../../shared/http/route-ids';

export const listOrganisationDeletionRequestsFunction = defineHttpFunction({
  name: 'list-organisation-deletion-requests',
  route: 'organisations/{organisationId:guid}/deletion-requests',
  methods: ['GET'],
  access: 'user',
  summary: "The status of data deletion requests by the organisation's candidates",
  description:
    'Admins only. Requests by candidates who applied to any role of the organisation, newest first; the ' +
    "candidate's reason is never shown.",
  tags: ['organisations', 'privacy'],
  query: ListOrganisationDeletionRequestsQuery,
  responses: {
    200: {
      description: 'A page of requests.',
      schema: z
        .object({ items: z.array(DeletionRequestStatusSchema), next_cursor: z.string().nullable() })
        .meta({ id: 'DeletionRequestStatusPage' }),
    },
    403: { description: 'Only admins may see deletion requests.' },
    404: { description: 'No such organisation, or not visible to the caller.' },
  },
  handle: async ({ params, caller, data, query }) =>
    json(200, await data.run((db) => listOrganisationDeletionRequests(db, caller, routeId(params, 'organisationId'), query)), {
      'cache-control': 'no-store',
    }),
});
