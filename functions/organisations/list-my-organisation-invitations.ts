import { z } from 'zod';
import { MemberInvitationSchema } from '../../shared/domain/member-invitations';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { listMyMemberInvitations } from '../../shared/organisations/member-invitations';

export const listMyOrganisationInvitationsFunction = defineHttpFunction({
  name: 'list-my-organisation-invitations',
  route: 'me/organisation-invitations',
  methods: ['GET'],
  access: 'user',
  summary: 'My open invitations to become a member of an organisation',
  description: "Invitations addressed to the caller's verified email (empty when the sign-in vouches for no email).",
  tags: ['organisations'],
  responses: {
    200: { description: 'The open invitations.', schema: z.object({ items: z.array(MemberInvitationSchema) }) },
  },
  handle: async ({ caller, services }) =>
    json(200, { items: await services.database.scopes.system.run((db) => listMyMemberInvitations(db, caller)) }, { 'cache-control': 'no-store' }),
});
