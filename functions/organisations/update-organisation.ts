import { z } from 'zod';
import { OrganisationSchema } from '../../shared/domain/schemas';
import { updateAtVersion } from '../../shared/http/concurrency';
import { defineHttpFunction } from '../../shared/http/definition';
import { UpdateOrganisationInput, updateOrganisation } from '../../shared/organisations/organisation-settings';
import { routeId } from '../../shared/http/route-ids';

export const updateOrganisationFunction = defineHttpFunction({
  name: 'update-organisation',
  route: 'organisations/{organisationId:guid}',
  methods: ['PATCH'],
  access: 'user',
  summary: "Change an organisation's profile, values framework or retention",
  description:
    'Admins only. Send the fields to change (null clears one) and If-Match with the ETag you read. ' +
    'values_framework takes a list of up to 20 values, or the original {values: [...]} form; it is stored and ' +
    'returned as the list. recording_retention_days is 30 to 365.',
  tags: ['organisations'],
  body: UpdateOrganisationInput,
  bodyLimitBytes: 32 * 1024,
  responses: {
    200: { description: 'The organisation as changed; ETag is its new version.', schema: z.object({ organisation: OrganisationSchema }) },
    403: { description: 'Only admins may change the organisation.' },
    404: { description: 'No such organisation, or not visible to the caller.' },
    409: { description: "The organisation's creator already has an organisation of the new name." },
    412: { description: 'The organisation changed since it was read.' },
    428: { description: 'If-Match is missing.' },
  },
  handle: ({ params, caller, data, body, header, clientIp }) =>
    updateAtVersion(
      header('if-match'),
      (version) => data.run((db) => updateOrganisation(db, caller, routeId(params, 'organisationId'), version, body, { ipAddress: clientIp })),
      (organisation) => ({ organisation }),
    ),
});
