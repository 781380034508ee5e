import { sweepRecordingDownloads } from '../../shared/calls/recording-downloads';
import { DATABASE_SWEEP_SCHEDULE, defineTimerFunction } from '../../shared/runtime/definitions';

export const sweepRecordingDownloadsFunction = defineTimerFunction({
  name: 'sweep-recording-downloads',
  schedule: DATABASE_SWEEP_SCHEDULE,
  description:
    'Every two hours: recordings untouched for 90 minutes that are still to download, to delete from ACS, or failed ' +
    'with attempts left lost their queue message; they are enqueued on recording-downloads again.',
  handle: async ({ scopes, services, log }) => {
    const enqueued = await sweepRecordingDownloads(scopes.system, services.queues, log);
    (enqueued === 0 ? log.debug : log.warn)('recording downloads swept', { enqueued });
  },
});
