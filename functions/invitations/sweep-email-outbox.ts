import { sweepOutbox } from '../../shared/email/outbox-delivery';
import { DATABASE_SWEEP_SCHEDULE, defineTimerFunction } from '../../shared/runtime/definitions';

export const sweepEmailOutboxFunction = defineTimerFunction({
  name: 'sweep-email-outbox',
  schedule: DATABASE_SWEEP_SCHEDULE,
  description:
    'Every two hours: outbox emails due for ten minutes that nobody claimed lost their queue message (the enqueue after ' +
    'the commit failed); they are enqueued on invitation-emails again. Sending is the queue function send-invitation-email.',
  handle: async ({ scopes, services, log }) => {
    const enqueued = await sweepOutbox(scopes.system, services.email, log);
    (enqueued === 0 ? log.debug : log.warn)('email outbox swept', { enqueued });
  },
});
