import { defineHttpFunction, json } from '../../shared/http/definition';
import { routeId } from '../../shared/http/route-ids';
import { ScoringConsistencyRequest, runScoringConsistencyCheck } from '../../shared/fairness/scoring-consistency';
import { ScoringConsistencyReportSchema } from '../../shared/fairness/scoring-consistency-schema';

export const runScoringConsistencyCheckFunction = defineHttpFunction({
  name: 'run-scoring-consistency-check',
  route: 'organisations/{organisationId:guid}/scoring-consistency-checks',
  methods: ['POST'],
  access: 'user',
  summary: 'Re-score a sample of finished interviews and report how often the band changes',
  description:
    'Admins only; every request is audited. Re-scores a random sample of the organisation’s (or one job_role_id’s) ' +
    'completed, scored interviews with the same transcript and rubric through the real scoring path, stores the check ' +
    'and returns it: per interview the stored and the new score and band, and how often the band changed. No stored ' +
    'score changes. sample_size is at most the SCORING_CONSISTENCY_SAMPLE_SIZE setting. See docs/fairness.md.',
  tags: ['fairness', 'scoring'],
  body: ScoringConsistencyRequest,
  responses: {
    201: { description: 'The stored check (Location: where to read it again).', schema: ScoringConsistencyReportSchema },
    400: { description: 'A malformed request, or a sample larger than the setting allows.' },
    403: { description: 'A member of the organisation who is not an admin.' },
    404: { description: 'No such organisation or job role visible to the caller.' },
  },
  handle: async ({ body, caller, data, params, services, clientIp, log }) => {
    const organisationId = routeId(params, 'organisationId');
    const report = await runScoringConsistencyCheck(data, services.ai, caller, organisationId, body, {
      maxSampleSize: services.settings.scoringConsistency.sampleSize,
      ipAddress: clientIp,
      log,
    });
    return json(201, report, { location: `/api/organisations/${organisationId}/scoring-consistency-checks/${report.id}`, 'cache-control': 'no-store' });
  },
});
