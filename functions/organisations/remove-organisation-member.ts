import { defineHttpFunction } from '../../shared/http/definition';
import { removeOrganisationMember } from '../../shared/organisations/members';
import { routeId } from '../../shared/http/route-ids';

export const removeOrganisationMemberFunction = defineHttpFunction({
  name: 'remove-organisation-member',
  route: 'organisations/{organisationId:guid}/members/{userId:guid}',
  methods: ['DELETE'],
  access: 'user',
  summary: 'Remove a member from an organisation',
  description: 'Admins only; an admin may remove themself. The last admin cannot be removed (409).',
  tags: ['organisations'],
  responses: {
    204: { description: 'Removed.' },
    403: { description: 'Only admins may remove members.' },
    404: { description: 'No such organisation or member.' },
    409: { description: 'The member is the last admin.' },
  },
  handle: async ({ params, caller, data, clientIp }) => {
    await data.run((db) => removeOrganisationMember(db, caller, routeId(params, 'organisationId'), routeId(params, 'userId'), { ipAddress: clientIp }));
    return { status: 204 };
  },
});
