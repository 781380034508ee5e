import { z } from 'zod';
import { OrganisationMemberSchema } from '../../shared/domain/organisation-members';
import { etagOf } from '../../shared/http/concurrency';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { AddMemberInput, addOrganisationMember } from '../../shared/organisations/members';
import { routeId } from '../../shared/http/route-ids';

export const addOrganisationMemberFunction = defineHttpFunction({
  name: 'add-organisation-member',
  route: 'organisations/{organisationId:guid}/members',
  methods: ['POST'],
  access: 'user',
  summary: 'Add a member to an organisation',
  description:
    'Admins only. The user is found by the email they sign in with, so they must have signed in once; ' +
    'otherwise 404 says so. A user who is already a member gets 409.',
  tags: ['organisations'],
  body: AddMemberInput,
  bodyLimitBytes: 4 * 1024,
  responses: {
    201: { description: 'The new member.', schema: z.object({ member: OrganisationMemberSchema }) },
    403: { description: 'Only admins may add members.' },
    404: { description: 'No such organisation, or nobody has signed in with that email yet.' },
    409: { description: 'Already a member, or the email belongs to more than one account.' },
  },
  handle: async ({ params, caller, data, body, clientIp }) => {
    const member = await data.run((db) => addOrganisationMember(db, caller, routeId(params, 'organisationId'), body, { ipAddress: clientIp }));
    return json(201, { member }, { etag: etagOf(member.version) });
  },
});
