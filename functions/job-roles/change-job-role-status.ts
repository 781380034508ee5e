import { JobRoleResponseSchema } from '../../shared/domain/job-role-schemas';
import { updateAtVersion } from '../../shared/http/concurrency';
import { defineHttpFunction } from '../../shared/http/definition';
import { changeJobRoleStatus, ChangeJobRoleStatusInput } from '../../shared/job-roles/change-job-role-status';
import { routeId } from '../../shared/http/route-ids';

export const changeJobRoleStatusFunction = defineHttpFunction({
  name: 'change-job-role-status',
  route: 'job-roles/{roleId:guid}/status',
  methods: ['POST'],
  access: 'user',
  summary: 'Move a job role along its lifecycle',
  description:
    'For admins, recruiters and hiring managers; send If-Match. Allowed: draft → active | closed, active → paused | closed, ' +
    'paused → active | closed. Activating needs a description. Candidates can apply only to an active role.',
  tags: ['job-roles'],
  body: ChangeJobRoleStatusInput,
  bodyLimitBytes: 1024,
  responses: {
    200: { description: 'The role with its new status; ETag is its new version.', schema: JobRoleResponseSchema },
    403: { description: 'A viewer of the organisation.' },
    404: { description: 'No such role in the caller’s organisations.' },
    409: { description: 'Not an allowed transition (the detail names the allowed ones), or activating without a description.' },
    412: { description: 'The role changed since the ETag sent; read it again.' },
    428: { description: 'If-Match is missing.' },
  },
  handle: ({ body, caller, data, params, header, clientIp }) =>
    updateAtVersion(
      header('if-match'),
      (version) => data.run((db) => changeJobRoleStatus(db, caller, routeId(params, 'roleId'), version, body, { ipAddress: clientIp })),
      (role) => ({ job_role: role }),
    ),
});
