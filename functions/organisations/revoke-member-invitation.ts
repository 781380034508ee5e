import { defineHttpFunction } from '../../shared/http/definition';
import { revokeMemberInvitation } from '../../shared/organisations/member-invitations';
import { routeId } from '../../shared/http/route-ids';

export const revokeMemberInvitationFunction = defineHttpFunction({
  name: 'revoke-member-invitation',
  route: 'organisations/{organisationId:guid}/member-invitations/{invitationId:guid}',
  methods: ['DELETE'],
  access: 'user',
  summary: 'Revoke an open member invitation',
  description: 'Admins only. The invitation can no longer be accepted; a membership already accepted stays (remove the member instead).',
  tags: ['organisations'],
  responses: {
    204: { description: 'Revoked.' },
    403: { description: 'Only admins may revoke invitations.' },
    404: { description: 'No such organisation, or no open invitation with that id in it.' },
  },
  handle: async ({ params, caller, data, clientIp }) => {
    await data.run((db) => revokeMemberInvitation(db, caller, routeId(params, 'organisationId'), routeId(params, 'invitationId'), { ipAddress: clientIp }));
    return { status: 204 };
  },
});
