import { sweepScoringQueue } from '../../../shared/interviews/scoring/scoring-queue';
import { DATABASE_SWEEP_SCHEDULE, defineTimerFunction } from '../../../shared/runtime/definitions';

export const sweepScoringQueueFunction = defineTimerFunction({
  name: 'sweep-scoring-queue',
  schedule: DATABASE_SWEEP_SCHEDULE,
  description:
    'Every two hours: interviews queued for scoring and due for ten minutes that nobody took lost their queue message; ' +
    'they are enqueued on interview-scoring again. Runs stopped on their last attempt are marked failed.',
  handle: async ({ scopes, services, log }) => {
    const summary = await sweepScoringQueue(scopes.system, services.queues, log);
    (summary.abandoned + summary.enqueued === 0 ? log.debug : log.warn)('scoring queue swept', summary);
  },
});
