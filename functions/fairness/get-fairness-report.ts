import { FairnessReportQuery, buildFairnessReport } from '../../shared/fairness/fairness-report';
import { fairnessReportCsv } from '../../shared/fairness/fairness-report-csv';
import { FairnessReportSchema } from '../../shared/fairness/fairness-report-schema';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { routeId } from '../../shared/http/route-ids';

export const getFairnessReportFunction = defineHttpFunction({
  name: 'get-fairness-report',
  route: 'organisations/{organisationId:guid}/fairness-report',
  methods: ['GET'],
  access: 'user',
  summary: 'Adverse-impact report by self-reported group',
  description:
    'Admins only; every request is audited. For the applications made in the date range (whole organisation or one ' +
    'job_role_id): per DEI field and group, the selection rate at each stage and the impact ratio against the ' +
    'most-selected group (below 0.8 flagged), mean AI score and standardised difference, and human overrides. No ' +
    'group under minimum_group_size is reported, alone or by subtraction; never a per-person value. See docs/fairness.md.',
  tags: ['fairness'],
  query: FairnessReportQuery,
  responses: {
    200: { description: 'The report (JSON, or CSV with format=csv).', schema: FairnessReportSchema },
    400: { description: 'A malformed range or parameter.' },
    403: { description: 'A member of the organisation who is not an admin.' },
    404: { description: 'No such organisation or job role visible to the caller.' },
  },
  handle: async ({ caller, data, params, query, services, clientIp }) => {
    const organisationId = routeId(params, 'organisationId');
    const report = await buildFairnessReport(data, services.database.scopes.system, caller, organisationId, query, { ipAddress: clientIp });
    if (query.format === 'json') return json(200, report, { 'cache-control': 'no-store' });
    return {
      status: 200,
      body: fairnessReportCsv(report),
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="fairness-${organisationId}-${query.from}-${query.to}.csv"`,
        'cache-control': 'no-store',
      },
    };
  },
});
