import { processQueuedDeletionRequest } from '../../shared/privacy/retention';
import { defineQueueFunction } from '../../shared/runtime/definitions';

export const processDeletionRequestFunction = defineQueueFunction({
  name: 'process-deletion-request',
  queueName: 'deletion-requests',
  description:
    'Carries out one data deletion request ({"deletionRequestId"}) as soon as it is made. A request already done or ' +
    'held by a sweep is left alone, so a redelivery changes nothing; a failure is recorded on the request and the ' +
    'message retried, then moved to deletion-requests-poison, while the daily retention run tries the request again.',
  handle: async ({ message, scopes, services, log }) => {
    const deps = { scopes, storage: services.storage, log, now: services.clock };
    const outcome = await processQueuedDeletionRequest(deps, message.deletionRequestId);
    log.info('deletion request handled', { deletionRequestId: message.deletionRequestId, outcome });
  },
});
