import { z } from 'zod';
import { OrganisationSchema } from '../../shared/domain/schemas';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { createOrganisation, CreateOrganisationInput } from '../../shared/organisations/create-organisation';

export const createOrganisationFunction = defineHttpFunction({
  name: 'create-organisation',
  route: 'create-organisation',
  methods: ['POST'],
  access: 'user',
  summary: 'Create an organisation with the caller as its admin',
  description:
    'Creates the organisation, the admin membership and an audit row in one transaction. ' +
    'Only organisation accounts may: users who chose "organisation" (PUT /api/me/account-type) and members of an ' +
    'organisation; anyone else gets 403. A second organisation with the same name by the same caller is refused with 409.',
  tags: ['organisations'],
  body: CreateOrganisationInput,
  bodyLimitBytes: 16 * 1024,
  responses: {
    201: { description: 'Created.', schema: z.object({ organisation: OrganisationSchema }) },
    403: { description: 'The caller is not an organisation account (chose "candidate", or has not chosen).' },
    409: { description: 'The caller already created an organisation of that name.' },
  },
  handle: async ({ body, caller, data, clientIp }) => {
    const organisation = await data.run((db) => createOrganisation(db, caller, body, { ipAddress: clientIp }));
    return json(201, { organisation });
  },
});
