import { applyToJobRole } from '../../shared/applications/apply-to-job-role';
import { ApplicationResponseSchema } from '../../shared/domain/application-schemas';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { routeId } from '../../shared/http/route-ids';

export const applyToJobRoleFunction = defineHttpFunction({
  name: 'apply-to-job-role',
  route: 'job-roles/{roleId:guid}/applications',
  methods: ['POST'],
  access: 'user',
  summary: 'Apply to an active job role',
  description: 'The caller applies as themself, once per role. No body. A role that is not active is 404.',
  tags: ['applications'],
  responses: {
    201: { description: 'Applied; status is applied.', schema: ApplicationResponseSchema },
    404: { description: 'No such role open for applications.' },
    409: { description: 'The caller already applied to this role.' },
  },
  handle: async ({ caller, data, params, clientIp }) => {
    const application = await data.run((db) => applyToJobRole(db, caller, routeId(params, 'roleId'), { ipAddress: clientIp }));
    return json(201, { application }, { location: `/api/applications/${application.id}` });
  },
});
