import { JobRoleResponseSchema } from '../../shared/domain/job-role-schemas';
import { etagOf } from '../../shared/http/concurrency';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { createJobRole } from '../../shared/job-roles/create-job-role';
import { CreateJobRoleInput } from '../../shared/job-roles/job-role-input';
import { routeId } from '../../shared/http/route-ids';

export const createJobRoleFunction = defineHttpFunction({
  name: 'create-job-role',
  route: 'organisations/{organisationId:guid}/job-roles',
  methods: ['POST'],
  access: 'user',
  summary: 'Create a draft job role',
  description:
    'For admins, recruiters and hiring managers of the organisation. The role starts as a draft; activate it with ' +
    'POST /api/job-roles/{roleId}/status. A scoring rubric weights known dimensions with weights that sum to 1.',
  tags: ['job-roles'],
  body: CreateJobRoleInput,
  bodyLimitBytes: 128 * 1024,
  responses: {
    201: { description: 'Created; ETag is its version, Location its address.', schema: JobRoleResponseSchema },
    403: { description: 'A viewer of the organisation.' },
    404: { description: 'Not a member of the organisation.' },
  },
  handle: async ({ body, caller, data, params, clientIp }) => {
    const role = await data.run((db) => createJobRole(db, caller, routeId(params, 'organisationId'), body, { ipAddress: clientIp }));
    return json(201, { job_role: role }, { etag: etagOf(role.version), location: `/api/job-roles/${role.id}` });
  },
});
