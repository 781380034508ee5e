import { z } from 'zod';
import { MemberInvitationSchema } from '../../shared/domain/member-invitations';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { AddMemberInput } from '../../shared/organisations/members';
import { inviteMember } from '../../shared/organisations/member-invitations';
import { routeId } from '../../shared/http/route-ids';

export const addOrganisationMemberFunction = defineHttpFunction({
  name: 'add-organisation-member',
  route: 'organisations/{organisationId:guid}/members',
  methods: ['POST'],
  access: 'user',
  summary: 'Invite someone to become a member of an organisation',
  description:
    'Admins only. Records an invitation to the email with the role; nobody is added until the person accepts it ' +
    'while signed in with that verified email (POST /api/me/organisation-invitations/{invitationId}/accept). The ' +
    'answer is the same whether or not anyone signs in with that address; inviting it again while an invitation is ' +
    'open returns that invitation. Invitations stay open 14 days.',
  tags: ['organisations'],
  body: AddMemberInput,
  bodyLimitBytes: 4 * 1024,
  responses: {
    202: { description: 'The open invitation.', schema: z.object({ invitation: MemberInvitationSchema }) },
    403: { description: 'Only admins may invite members.' },
    404: { description: 'No such organisation.' },
  },
  handle: async ({ params, caller, data, body, clientIp }) => {
    const invitation = await data.run((db) => inviteMember(db, caller, routeId(params, 'organisationId'), body, { ipAddress: clientIp }));
    return json(202, { invitation });
  },
});
