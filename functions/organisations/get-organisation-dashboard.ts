import { defineHttpFunction, json } from '../../shared/http/definition';
import { routeId } from '../../shared/http/route-ids';
import { DashboardQuery, DashboardSchema, readDashboard } from '../../shared/organisations/dashboard';

export const getOrganisationDashboardFunction = defineHttpFunction({
  name: 'get-organisation-dashboard',
  route: 'organisations/{organisationId:guid}/dashboard',
  methods: ['GET'],
  access: 'user',
  summary: "An organisation's dashboard: roles, applications, interviews and scores over a date range",
  description:
    'Any member. Active job roles (now); applications created in the range by status; interviews (not practice) that ' +
    'ended in the range; the mean and the distribution in five bands of their AI overall scores. Range: from inclusive, ' +
    'to exclusive, default the last 30 days, at most 366. Aggregates only: the read is not audited.',
  tags: ['organisations'],
  query: DashboardQuery,
  responses: {
    200: { description: 'The dashboard.', schema: DashboardSchema },
    404: { description: 'No such organisation, or the caller is not a member.' },
  },
  handle: async ({ params, caller, data, query }) =>
    json(200, await data.run((db) => readDashboard(db, caller, routeId(params, 'organisationId'), query)), { 'cache-control': 'no-store' }),
});
