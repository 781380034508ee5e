import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { emailDeliveryEventsFunction } from './email-delivery-events';
import { listApplicationInvitationsFunction } from './list-application-invitations';
import { resendInvitationFunction } from './resend-invitation';
import { revokeInvitationFunction } from './revoke-invitation';
import { sendInvitationFunction } from './send-invitation';
import { sendInvitationEmailFunction } from './send-invitation-email';
import { sweepEmailOutboxFunction } from './sweep-email-outbox';

export const invitationsFunctions: FunctionDefinition[] = [
  sendInvitationFunction,
  resendInvitationFunction,
  revokeInvitationFunction,
  listApplicationInvitationsFunction,
  sendInvitationEmailFunction,
  sweepEmailOutboxFunction,
  emailDeliveryEventsFunction,
];
