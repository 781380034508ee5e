import { defineHttpFunction, json } from '../../shared/http/definition';
import { InvitationSchema } from '../../shared/invitations/invitation';
import { revokeInvitation } from '../../shared/invitations/revoke-invitation';
import { routeId } from '../../shared/http/route-ids';

export const revokeInvitationFunction = defineHttpFunction({
  name: 'revoke-invitation',
  route: 'invitations/{invitationId:guid}/revoke',
  methods: ['POST'],
  access: 'user',
  summary: 'Withdraw an invitation',
  description:
    'Admins, recruiters and hiring managers. The link stops working, interview sessions opened with it end, and an ' +
    'email not sent yet is dropped. Revoking a revoked invitation changes nothing.',
  tags: ['invitations'],
  responses: {
    200: { description: 'The revoked invitation.', schema: InvitationSchema },
    403: { description: 'A member without the role, or the candidate themself.' },
    404: { description: 'No such invitation in your organisations.' },
  },
  handle: async ({ caller, data, params, clientIp }) =>
    json(200, await data.run((db) => revokeInvitation(db, caller, routeId(params, 'invitationId'), { ipAddress: clientIp }))),
});
