import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { emailDeliveryEventsFunction } from './email-delivery-events';
import { inviteToJobRoleFunction } from './invite-to-job-role';
import { listApplicationInvitationsFunction } from './list-application-invitations';
import { listCandidateInvitationsFunction } from './list-candidate-invitations';
import { resendInvitationFunction } from './resend-invitation';
import { revokeInvitationFunction } from './revoke-invitation';
import { sendInvitationFunction } from './send-invitation';
import { sendInvitationEmailFunction } from './send-invitation-email';
import { startCandidateInvitationFunction } from './start-candidate-invitation';
import { sweepEmailOutboxFunction } from './sweep-email-outbox';

export const invitationsFunctions: FunctionDefinition[] = [
  sendInvitationFunction,
  inviteToJobRoleFunction,
  resendInvitationFunction,
  revokeInvitationFunction,
  listApplicationInvitationsFunction,
  listCandidateInvitationsFunction,
  startCandidateInvitationFunction,
  sendInvitationEmailFunction,
  sweepEmailOutboxFunction,
  emailDeliveryEventsFunction,
];
