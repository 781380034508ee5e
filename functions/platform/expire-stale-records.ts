import { deleteIdempotencyRecordsBefore } from '../../shared/db/repositories/idempotency';
import { expireLapsedInvitations } from '../../shared/db/repositories/invitations';
import { DATABASE_SWEEP_SCHEDULE, defineTimerFunction } from '../../shared/runtime/definitions';

/** Idempotency keys are honoured for a day; the original API's clients retry within seconds. */
const IDEMPOTENCY_KEEP_MS = 24 * 60 * 60 * 1000;

export const expireStaleRecordsFunction = defineTimerFunction({
  name: 'expire-stale-records',
  schedule: DATABASE_SWEEP_SCHEDULE,
  description: 'Every two hours: marks invitations whose link lapsed unused as expired, and forgets idempotency keys older than a day.',
  handle: async ({ scopes, log }) => {
    const now = new Date();
    const expired = await scopes.system.run((db) => expireLapsedInvitations(db, now));
    const forgotten = await scopes.system.run((db) => deleteIdempotencyRecordsBefore(db, new Date(now.getTime() - IDEMPOTENCY_KEEP_MS)));
    log.info('stale records expired', { expired, forgotten });
  },
});
