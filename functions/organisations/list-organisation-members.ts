import { z } from 'zod';
import { OrganisationMemberSchema } from '../../shared/domain/organisation-members';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { ListMembersQuery, listOrganisationMembers } from '../../shared/organisations/members';
import { routeId } from '../../shared/http/route-ids';

export const listOrganisationMembersFunction = defineHttpFunction({
  name: 'list-organisation-members',
  route: 'organisations/{organisationId:guid}/members',
  methods: ['GET'],
  access: 'user',
  summary: "List an organisation's members",
  description: 'Admins only. In the order they joined; each member carries the version to send as If-Match.',
  tags: ['organisations'],
  query: ListMembersQuery,
  responses: {
    200: {
      description: 'A page of members.',
      schema: z
        .object({ items: z.array(OrganisationMemberSchema), next_cursor: z.string().nullable() })
        .meta({ id: 'OrganisationMemberPage' }),
    },
    403: { description: 'Only admins may list members.' },
    404: { description: 'No such organisation, or not visible to the caller.' },
  },
  handle: async ({ params, caller, data, query }) =>
    json(200, await data.run((db) => listOrganisationMembers(db, caller, routeId(params, 'organisationId'), query)), { 'cache-control': 'no-store' }),
});
