import { JobRoleResponseSchema } from '../../shared/domain/job-role-schemas';
import { updateAtVersion } from '../../shared/http/concurrency';
import { defineHttpFunction } from '../../shared/http/definition';
import { UpdateJobRoleInput } from '../../shared/job-roles/job-role-input';
import { updateJobRole } from '../../shared/job-roles/update-job-role';
import { routeId } from '../../shared/http/route-ids';

export const updateJobRoleFunction = defineHttpFunction({
  name: 'update-job-role',
  route: 'job-roles/{roleId:guid}',
  methods: ['PATCH'],
  access: 'user',
  summary: 'Change fields of a job role',
  description:
    'For admins, recruiters and hiring managers of its organisation; send If-Match with the ETag you read. Only the ' +
    'fields sent change (null clears one). Field changes are audited as role_updated, rubric changes as rubric_updated.',
  tags: ['job-roles'],
  body: UpdateJobRoleInput,
  bodyLimitBytes: 128 * 1024,
  responses: {
    200: { description: 'The role as it is now; ETag is its new version.', schema: JobRoleResponseSchema },
    403: { description: 'A viewer of the organisation.' },
    404: { description: 'No such role in the caller’s organisations.' },
    409: { description: 'The description of an active or paused role cannot be cleared.' },
    412: { description: 'The role changed since the ETag sent; read it again.' },
    428: { description: 'If-Match is missing.' },
  },
  handle: ({ body, caller, data, params, header, clientIp }) =>
    updateAtVersion(
      header('if-match'),
      (version) => data.run((db) => updateJobRole(db, caller, routeId(params, 'roleId'), version, body, { ipAddress: clientIp })),
      (role) => ({ job_role: role }),
    ),
});
