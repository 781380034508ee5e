import { z } from 'zod';
import { OrganisationMemberSchema } from '../../shared/domain/organisation-members';
import { etagOf } from '../../shared/http/concurrency';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { acceptMemberInvitation } from '../../shared/organisations/member-invitations';
import { routeId } from '../../shared/http/route-ids';

export const acceptOrganisationInvitationFunction = defineHttpFunction({
  name: 'accept-organisation-invitation',
  route: 'me/organisation-invitations/{invitationId:guid}/accept',
  methods: ['POST'],
  access: 'user',
  summary: 'Accept an invitation to become a member of an organisation',
  description: "Only an open invitation addressed to the caller's verified email; the caller becomes a member with its role.",
  tags: ['organisations'],
  responses: {
    201: { description: 'The new membership.', schema: z.object({ member: OrganisationMemberSchema }) },
    404: { description: 'No open invitation with that id addressed to you.' },
    409: { description: 'Already accepted, revoked or expired, or you are already a member.' },
  },
  // The invitee is not a member yet, so the organisation's rows are read in system scope, matched by their email.
  handle: async ({ params, caller, services, clientIp }) => {
    const member = await services.database.scopes.system.run((db) => acceptMemberInvitation(db, caller, routeId(params, 'invitationId'), { ipAddress: clientIp }));
    return json(201, { member }, { etag: etagOf(member.version) });
  },
});
