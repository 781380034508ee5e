import { z } from 'zod';
import { OrganisationProfileSchema } from '../../shared/domain/organisation-settings';
import { OrganisationSchema } from '../../shared/domain/schemas';
import { etagOf } from '../../shared/http/concurrency';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { getOrganisation } from '../../shared/organisations/organisation-settings';
import { routeId } from '../../shared/http/route-ids';

export const getOrganisationFunction = defineHttpFunction({
  name: 'get-organisation',
  route: 'organisations/{organisationId:guid}',
  methods: ['GET'],
  access: 'user',
  summary: 'Read an organisation',
  description:
    'Members read the whole organisation ({audience: "staff"}), with its version as the ETag (send it as If-Match ' +
    'to update). A candidate who applied to one of its roles reads only its public profile ({audience: "candidate"}: ' +
    'id, name, industry, website, logo_url, description). Anyone else gets 404.',
  tags: ['organisations'],
  responses: {
    200: {
      description: 'The organisation for its members (with its version as the ETag), or its public profile for an applicant.',
      headers: ['etag'],
      schema: z
        .discriminatedUnion('audience', [
          z.object({ audience: z.literal('staff'), organisation: OrganisationSchema }),
          z.object({ audience: z.literal('candidate'), organisation: OrganisationProfileSchema }),
        ])
        .meta({ id: 'OrganisationView' }),
    },
    404: { description: 'No such organisation, or not visible to the caller.' },
  },
  handle: async ({ params, caller, data }) => {
    const result = await data.run((db) => getOrganisation(db, caller, routeId(params, 'organisationId')));
    const headers: Record<string, string> = { 'cache-control': 'no-store' };
    if (result.audience === 'staff') headers.etag = etagOf(result.organisation.version);
    return json(200, result, headers);
  },
});
