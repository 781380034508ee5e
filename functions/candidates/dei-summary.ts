import { summariseDeiForRole } from '../../shared/candidates/dei-summary';
import { DeiSummarySchema } from '../../shared/domain/candidate-dei';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { routeId } from '../../shared/http/route-ids';

export const deiSummaryFunction = defineHttpFunction({
  name: 'dei-summary',
  route: 'job-roles/{roleId:guid}/dei-summary',
  methods: ['GET'],
  access: 'user',
  summary: "Diversity counts among a job role's applicants",
  description:
    'For admins of the role’s organisation only. Per field: how many applicants gave each answer (grouped without regard ' +
    'to case). No group under minimum_group_size is reported, alone or by subtraction: small groups are folded into ' +
    'suppressed_count, and a field with fewer respondents than that reports nothing (respondents null). Never rows, ' +
    'never candidate ids.',
  tags: ['candidates', 'job-roles'],
  responses: {
    200: { description: 'The counts.', schema: DeiSummarySchema },
    403: { description: 'A member of the organisation who is not an admin.' },
    404: { description: 'No such role in your organisations.' },
  },
  handle: async ({ caller, data, params, services }) =>
    json(200, await summariseDeiForRole(data, services.database.scopes.system, caller, routeId(params, 'roleId')), { 'cache-control': 'no-store' }),
});
