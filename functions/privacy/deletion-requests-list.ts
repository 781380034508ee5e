import { z } from 'zod';
import { DeletionRequestSchema } from '../../shared/domain/privacy-deletion-requests';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { ListDeletionRequestsQuery, listOwnDeletionRequests } from '../../shared/privacy/deletion-requests';

export const listDeletionRequestsFunction = defineHttpFunction({
  name: 'list-deletion-requests',
  route: 'candidate/deletion-requests',
  methods: ['GET'],
  access: 'user',
  summary: "The signed-in user's data deletion requests",
  description: 'Only the caller’s own, newest first, with their status.',
  tags: ['candidates', 'privacy'],
  query: ListDeletionRequestsQuery,
  responses: {
    200: {
      description: 'A page of requests.',
      schema: z
        .object({ items: z.array(DeletionRequestSchema), next_cursor: z.string().nullable() })
        .meta({ id: 'DeletionRequestPage' }),
    },
  },
  handle: async ({ caller, data, query }) =>
    json(200, await data.run((db) => listOwnDeletionRequests(db, caller, query)), { 'cache-control': 'no-store' }),
});
