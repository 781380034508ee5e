import { deliverOutboxEmail } from '../../shared/email/outbox-delivery';
import { defineQueueFunction } from '../../shared/runtime/definitions';

export const sendInvitationEmailFunction = defineQueueFunction({
  name: 'send-invitation-email',
  queueName: 'invitation-emails',
  description:
    'Sends one outbox email ({"outboxId"}). The row is claimed first, so a message delivered twice sends once; a failed ' +
    'send is recorded on the row and its retry enqueued after the backoff; after 5 failures the email is given up.',
  handle: async ({ message, scopes, services, log }) => {
    const outcome = await deliverOutboxEmail(scopes.system, services.email, log, message.outboxId);
    log.debug('outbox email handled', { outboxId: message.outboxId, outcome });
  },
});
