import { z } from 'zod';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { InvitationSchema } from '../../shared/invitations/invitation';
import { listApplicationInvitations, ListInvitationsQuery } from '../../shared/invitations/list-invitations';
import { routeId } from '../../shared/http/route-ids';

export const listApplicationInvitationsFunction = defineHttpFunction({
  name: 'list-application-invitations',
  route: 'applications/{applicationId:guid}/invitations',
  methods: ['GET'],
  access: 'user',
  summary: "List an application's invitations",
  description: "Any member of the role's organisation. Newest first, with status and times; never the token or its hash.",
  tags: ['invitations'],
  query: ListInvitationsQuery,
  responses: {
    200: {
      description: 'One page of invitations.',
      schema: z.object({ items: z.array(InvitationSchema), next_cursor: z.string().nullable() }).meta({ id: 'InvitationPage' }),
    },
    403: { description: 'The candidate of the application: invitations are managed by the organisation.' },
    404: { description: 'No such application in your organisations.' },
  },
  handle: async ({ caller, data, params, query }) =>
    json(200, await data.run((db) => listApplicationInvitations(db, caller, routeId(params, 'applicationId'), query)), { 'cache-control': 'no-store' }),
});
