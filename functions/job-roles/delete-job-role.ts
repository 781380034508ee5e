import { deleteJobRole } from '../../shared/job-roles/delete-job-role';
import { defineHttpFunction } from '../../shared/http/definition';
import { routeId } from '../../shared/http/route-ids';

export const deleteJobRoleFunction = defineHttpFunction({
  name: 'delete-job-role',
  route: 'job-roles/{roleId:guid}',
  methods: ['DELETE'],
  access: 'user',
  summary: 'Delete a draft job role',
  description: 'For admins of its organisation, and only while the role is a draft; close an advertised role instead.',
  tags: ['job-roles'],
  responses: {
    204: { description: 'Deleted.' },
    403: { description: 'Not an admin of the organisation.' },
    404: { description: 'No such role in the caller’s organisations.' },
    409: { description: 'The role is not a draft.' },
  },
  handle: async ({ caller, data, params, clientIp }) => {
    await data.run((db) => deleteJobRole(db, caller, routeId(params, 'roleId'), { ipAddress: clientIp }));
    return { status: 204 };
  },
});
