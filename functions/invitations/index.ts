import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { drainEmailOutboxFunction } from './drain-email-outbox';
import { emailDeliveryEventsFunction } from './email-delivery-events';
import { listApplicationInvitationsFunction } from './list-application-invitations';
import { resendInvitationFunction } from './resend-invitation';
import { revokeInvitationFunction } from './revoke-invitation';
import { sendInvitationFunction } from './send-invitation';

export const invitationsFunctions: FunctionDefinition[] = [
  sendInvitationFunction,
  resendInvitationFunction,
  revokeInvitationFunction,
  listApplicationInvitationsFunction,
  drainEmailOutboxFunction,
  emailDeliveryEventsFunction,
];
