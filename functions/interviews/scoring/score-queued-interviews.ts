import { defineTimerFunction } from '../../../shared/runtime/definitions';
import { drainScoringQueue } from '../../../shared/interviews/scoring/scoring-queue';

export const scoreQueuedInterviewsFunction = defineTimerFunction({
  name: 'score-queued-interviews',
  schedule: '0 * * * * *',
  description:
    'Scores interviews queued when they ended: claims each due one atomically, retries failures with a growing delay ' +
    'up to 5 attempts, then marks them failed.',
  handle: async ({ scopes, services, log }) => {
    const summary = await drainScoringQueue(scopes.system, services.ai, log);
    log.info('scoring queue drained', summary);
  },
});
