import { z } from 'zod';
import { JobRoleSchema } from '../../shared/domain/job-role-schemas';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { listJobRoles, ListJobRolesQuery } from '../../shared/job-roles/list-job-roles';
import { routeId } from '../../shared/http/route-ids';

export const listJobRolesFunction = defineHttpFunction({
  name: 'list-job-roles',
  route: 'organisations/{organisationId:guid}/job-roles',
  methods: ['GET'],
  access: 'user',
  summary: "List an organisation's job roles",
  description: 'For any member of the organisation. Newest first; filter by status, search the title (case-insensitive).',
  tags: ['job-roles'],
  query: ListJobRolesQuery,
  responses: {
    200: {
      description: 'One page of roles.',
      schema: z.object({ items: z.array(JobRoleSchema), next_cursor: z.string().nullable() }).meta({ id: 'JobRolePage' }),
    },
    404: { description: 'Not a member of the organisation.' },
  },
  handle: async ({ query, caller, data, params }) =>
    json(200, await data.run((db) => listJobRoles(db, caller, routeId(params, 'organisationId'), query)), { 'cache-control': 'no-store' }),
});
