import { changeApplicationStatus, ChangeApplicationStatusInput } from '../../shared/applications/change-application-status';
import { ApplicationResponseSchema } from '../../shared/domain/application-schemas';
import { updateAtVersion } from '../../shared/http/concurrency';
import { defineHttpFunction } from '../../shared/http/definition';
import { routeId } from '../../shared/http/route-ids';

export const changeApplicationStatusFunction = defineHttpFunction({
  name: 'change-application-status',
  route: 'applications/{applicationId:guid}/status',
  methods: ['POST'],
  access: 'user',
  summary: 'Move an application along the hiring pipeline',
  description:
    "For admins, recruiters and hiring managers of the role's organisation; send If-Match. Allowed: applied → " +
    'shortlisted | rejected, shortlisted → invited | rejected, invited → interviewed | rejected, interviewed → ' +
    'scoring | reviewed | rejected, scoring → reviewed, reviewed → hired | rejected. Candidates never change it.',
  tags: ['applications'],
  body: ChangeApplicationStatusInput,
  bodyLimitBytes: 1024,
  responses: {
    200: { description: 'The application with its new status; ETag is its new version.', schema: ApplicationResponseSchema },
    403: { description: 'A viewer, or the candidate themself.' },
    404: { description: 'No such application visible to the caller.' },
    409: { description: 'Not an allowed transition; the detail names the allowed ones.' },
    412: { description: 'The application changed since the ETag sent; read it again.' },
    428: { description: 'If-Match is missing.' },
  },
  handle: ({ body, caller, data, params, header, clientIp }) =>
    updateAtVersion(
      header('if-match'),
      (version) => data.run((db) => changeApplicationStatus(db, caller, routeId(params, 'applicationId'), version, body, { ipAddress: clientIp })),
      (application) => ({ application }),
    ),
});
