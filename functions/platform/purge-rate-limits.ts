import { deleteExpiredCounters } from '../../shared/db/repositories/rate-limit-counters';
import { DATABASE_SWEEP_SCHEDULE, defineTimerFunction } from '../../shared/runtime/definitions';

export const purgeRateLimitsFunction = defineTimerFunction({
  name: 'purge-rate-limits',
  schedule: DATABASE_SWEEP_SCHEDULE,
  description: 'Every two hours: deletes rate-limit windows that have ended, so the counters table stays small.',
  handle: async ({ scopes, log }) => {
    const deleted = await scopes.system.run((db) => deleteExpiredCounters(db, Math.floor(Date.now() / 1000)));
    log.info('expired rate-limit windows deleted', { deleted });
  },
});
