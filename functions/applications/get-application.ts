import { z } from 'zod';
import { readApplication } from '../../shared/applications/read-application';
import { ApplicationSchema, CandidateApplicationSchema } from '../../shared/domain/application-schemas';
import { etagOf } from '../../shared/http/concurrency';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { routeId } from '../../shared/http/route-ids';

export const getApplicationFunction = defineHttpFunction({
  name: 'get-application',
  route: 'applications/{applicationId:guid}',
  methods: ['GET'],
  access: 'user',
  summary: 'Read an application',
  description:
    "Members of the role's organisation get the staff view (Application, with ETag); the candidate gets their own " +
    'application with role title and organisation name (CandidateApplication, no match score).',
  tags: ['applications'],
  responses: {
    200: {
      description: 'The application as the caller may see it: audience staff or candidate.',
      schema: z
        .discriminatedUnion('audience', [
          z.object({ audience: z.literal('staff'), application: ApplicationSchema }),
          z.object({ audience: z.literal('candidate'), application: CandidateApplicationSchema }),
        ])
        .meta({ id: 'ApplicationReadResponse' }),
    },
    404: { description: 'No such application, or neither the caller’s own nor of their organisation.' },
  },
  handle: async ({ caller, data, params }) => {
    const view = await data.run((db) => readApplication(db, caller, routeId(params, 'applicationId')));
    const headers: Record<string, string> = { 'cache-control': 'no-store' };
    if (view.audience === 'staff') headers.etag = etagOf(view.application.version);
    return json(200, view, headers);
  },
});
