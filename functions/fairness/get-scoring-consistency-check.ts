import { defineHttpFunction, json } from '../../shared/http/definition';
import { routeId } from '../../shared/http/route-ids';
import { ScoringConsistencyQuery, readScoringConsistencyCheck } from '../../shared/fairness/scoring-consistency';
import { scoringConsistencyCsv } from '../../shared/fairness/scoring-consistency-csv';
import { ScoringConsistencyReportSchema } from '../../shared/fairness/scoring-consistency-schema';

export const getScoringConsistencyCheckFunction = defineHttpFunction({
  name: 'get-scoring-consistency-check',
  route: 'organisations/{organisationId:guid}/scoring-consistency-checks/{checkId:guid}',
  methods: ['GET'],
  access: 'user',
  summary: 'A stored scoring-consistency check',
  description: 'Admins only; every read is audited. The check as it was run, JSON or CSV (one row per re-scored interview).',
  tags: ['fairness', 'scoring'],
  query: ScoringConsistencyQuery,
  responses: {
    200: { description: 'The check (JSON, or CSV with format=csv).', schema: ScoringConsistencyReportSchema },
    403: { description: 'A member of the organisation who is not an admin.' },
    404: { description: 'No such check in an organisation of the caller.' },
  },
  handle: async ({ caller, data, params, query, clientIp }) => {
    const organisationId = routeId(params, 'organisationId');
    const checkId = routeId(params, 'checkId');
    const report = await readScoringConsistencyCheck(data, caller, organisationId, checkId, { format: query.format, ipAddress: clientIp });
    if (query.format === 'json') return json(200, report, { 'cache-control': 'no-store' });
    return {
      status: 200,
      body: scoringConsistencyCsv(report),
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="scoring-consistency-${checkId}.csv"`,
        'cache-control': 'no-store',
      },
    };
  },
});
