import { z } from 'zod';
import { OrganisationMemberSchema } from '../../shared/domain/organisation-members';
import { updateAtVersion } from '../../shared/http/concurrency';
import { defineHttpFunction } from '../../shared/http/definition';
import { ChangeMemberRoleInput, changeMemberRole } from '../../shared/organisations/members';
import { routeId } from '../../shared/http/route-ids';

export const changeOrganisationMemberRoleFunction = defineHttpFunction({
  name: 'change-organisation-member-role',
  route: 'organisations/{organisationId:guid}/members/{userId:guid}',
  methods: ['PATCH'],
  access: 'user',
  summary: "Change a member's role",
  description:
    'Admins only, with If-Match set to the member\'s version ("3"). The last admin cannot be demoted (409).',
  tags: ['organisations'],
  body: ChangeMemberRoleInput,
  bodyLimitBytes: 1024,
  responses: {
    200: { description: 'The member with the new role; ETag is its new version.', schema: z.object({ member: OrganisationMemberSchema }) },
    403: { description: 'Only admins may change roles.' },
    404: { description: 'No such organisation or member.' },
    409: { description: 'The member is the last admin.' },
    412: { description: 'The membership changed since it was read.' },
    428: { description: 'If-Match is missing.' },
  },
  handle: ({ params, caller, data, body, header, clientIp }) =>
    updateAtVersion(
      header('if-match'),
      (version) =>
        data.run((db) => changeMemberRole(db, caller, routeId(params, 'organisationId'), routeId(params, 'userId'), version, body, { ipAddress: clientIp })),
      (member) => ({ member }),
    ),
});
