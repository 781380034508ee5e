import { drainOutbox } from '../../shared/email/drain-outbox';
import { defineTimerFunction } from '../../shared/runtime/definitions';

export const drainEmailOutboxFunction = defineTimerFunction({
  name: 'drain-email-outbox',
  schedule: '0 * * * * *',
  description:
    'Every minute: sends the outbox emails whose turn has come (new ones the immediate attempt missed, retries after ' +
    'backoff). Each is claimed before it is sent, so concurrent drains never send one twice.',
  handle: async ({ scopes, services, log }) => {
    const report = await drainOutbox(scopes.system, services.email, log);
    const idle = report.sent + report.retrying + report.gave_up === 0;
    (idle ? log.debug : log.info)('email outbox drained', { ...report });
  },
});
