import { z } from 'zod';
import { MemberInvitationSchema } from '../../shared/domain/member-invitations';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { listMemberInvitations } from '../../shared/organisations/member-invitations';
import { routeId } from '../../shared/http/route-ids';

export const listMemberInvitationsFunction = defineHttpFunction({
  name: 'list-member-invitations',
  route: 'organisations/{organisationId:guid}/member-invitations',
  methods: ['GET'],
  access: 'user',
  summary: "List an organisation's open member invitations",
  description: 'Admins only. Invitations not yet accepted, revoked or expired, newest first (at most 100).',
  tags: ['organisations'],
  responses: {
    200: { description: 'The open invitations.', schema: z.object({ items: z.array(MemberInvitationSchema) }).meta({ id: 'MemberInvitationList' }) },
    403: { description: 'Only admins may list invitations.' },
    404: { description: 'No such organisation, or not visible to the caller.' },
  },
  handle: async ({ params, caller, data }) =>
    json(200, { items: await data.run((db) => listMemberInvitations(db, caller, routeId(params, 'organisationId'))) }, { 'cache-control': 'no-store' }),
});
