import { z } from 'zod';
import { JobRoleSchema, PublicJobRoleSchema } from '../../shared/domain/job-role-schemas';
import { etagOf } from '../../shared/http/concurrency';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { readJobRole } from '../../shared/job-roles/read-job-role';
import { routeId } from '../../shared/http/route-ids';

export const getJobRoleFunction = defineHttpFunction({
  name: 'get-job-role',
  route: 'job-roles/{roleId:guid}',
  methods: ['GET'],
  access: 'user',
  summary: 'Read a job role',
  description:
    'Members of its organisation get the whole role with an ETag. Any other signed-in user gets the advertisement of ' +
    'an active role (no rubric, interview structure, interview questions or author); a role that is not active is 404 for them.',
  tags: ['job-roles'],
  responses: {
    200: {
      description: 'The role: audience staff with a JobRole for members, audience public with a PublicJobRole for others.',
      schema: z
        .discriminatedUnion('audience', [
          z.object({ audience: z.literal('staff'), job_role: JobRoleSchema }),
          z.object({ audience: z.literal('public'), job_role: PublicJobRoleSchema }),
        ])
        .meta({ id: 'JobRoleReadResponse' }),
    },
    404: { description: 'No such role, or not active and not of the caller’s organisation.' },
  },
  handle: async ({ caller, data, params }) => {
    const view = await data.run((db) => readJobRole(db, caller, routeId(params, 'roleId')));
    const headers: Record<string, string> = { 'cache-control': 'no-store' };
    if (view.audience === 'staff') headers.etag = etagOf(view.job_role.version);
    return json(200, view, headers);
  },
});
