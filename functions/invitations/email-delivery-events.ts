import { recordDeliveryReport } from '../../shared/invitations/record-delivery-report';
import { defineEventGridFunction } from '../../shared/runtime/definitions';

export const emailDeliveryEventsFunction = defineEventGridFunction({
  name: 'email-delivery-events',
  description:
    'Event Grid subscription on the Communication Services resource for Microsoft.Communication.EmailDeliveryReportReceived: ' +
    'moves the invitation to delivered or bounced. Unusable events are logged and acknowledged.',
  handle: async ({ event, scopes, log }) => {
    await scopes.system.run((db) => recordDeliveryReport(db, event, log));
  },
});
