import {
  cancelPendingOutboxEmails,
  claimOutboxEmail,
  findOutboxEmail,
  insertOutboxEmail,
  latestRecipientOfInvitation,
  listDueOutboxIds,
  markOutboxSent,
  recordOutboxFailure,
} from '../repositories/email-outbox';
import { findIdempotencyRecord, insertIdempotencyRecord } from '../repositories/idempotency';
import {
  deleteEmptyInvitedUser,
  findApplicationIdOfCandidateForRole,
  findInvitedUser,
  insertInvitedUser,
  moveInvitedApplications,
} from '../repositories/invited-candidates';
import {
  findCandidateContact,
  findInvitationForUser,
  findInvitationOfEmail,
  insertInvitation,
  listInvitationsForMember,
  markInvitationBounced,
  markInvitationDelivered,
  markInvitationFailed,
  markInvitationRevoked,
  markInvitationSent,
  reissueInvitationToken,
  revokeSessionsOfInvitation,
} from '../repositories/invitations';
import { CATALOGUE_UUID as uuid, type QueryOperations } from './operations';

const at = new Date(0);
const key = { user_id: uuid, function_name: 'send-invitation', idempotency_key: 'k' };

/** Invitations, their email outbox and idempotent requests. */
export const invitationsQueries: QueryOperations = {
  insertInvitation: (db) => insertInvitation(db, { id: uuid, application_id: uuid, token_hash: 'h', expires_at: at, created_by: uuid, created_at: at }),
  findInvitationForUser: (db) => findInvitationForUser(db, uuid, uuid),
  listInvitationsForMember: (db) => listInvitationsForMember(db, { application_id: uuid, user_id: uuid, after: { created_at: at.toISOString(), id: uuid }, rows: 26 }),
  findCandidateContact: (db) => findCandidateContact(db, uuid),
  reissueInvitationToken: (db) => reissueInvitationToken(db, { id: uuid, token_hash: 'h', expires_at: at }),
  markInvitationRevoked: (db) => markInvitationRevoked(db, uuid, at),
  revokeSessionsOfInvitation: (db) => revokeSessionsOfInvitation(db, { id: uuid, interview_id: uuid }, at),
  markInvitationSent: (db) => markInvitationSent(db, uuid, at),
  markInvitationFailed: (db) => markInvitationFailed(db, uuid, at),
  markInvitationDelivered: (db) => markInvitationDelivered(db, uuid, at),
  markInvitationBounced: (db) => markInvitationBounced(db, uuid),
  findInvitationOfEmail: (db) => findInvitationOfEmail(db, uuid),
  insertOutboxEmail: (db) =>
    insertOutboxEmail(db, { id: uuid, invitation_id: uuid, to_address: 'a@example.com', subject: 's', html_body: 'h', text_body: 't', created_at: at }),
  listDueOutboxIds: (db) => listDueOutboxIds(db, at, 25),
  claimOutboxEmail: (db) => claimOutboxEmail(db, uuid, at, at),
  findOutboxEmail: (db) => findOutboxEmail(db, uuid),
  markOutboxSent: (db) => markOutboxSent(db, uuid, { provider_message_id: uuid, html_body: 'h', text_body: 't', now: at }),
  recordOutboxFailure: (db) => recordOutboxFailure(db, uuid, { last_error: 'e', next_attempt_at: at, gave_up: false }),
  cancelPendingOutboxEmails: (db) => cancelPendingOutboxEmails(db, uuid, 'r'),
  latestRecipientOfInvitation: (db) => latestRecipientOfInvitation(db, uuid),
  findInvitedUser: (db) => findInvitedUser(db, 'a@example.com'),
  insertInvitedUser: (db) => insertInvitedUser(db, { id: uuid, email: 'a@example.com', display_name: null, now: at }),
  findApplicationIdOfCandidateForRole: (db) => findApplicationIdOfCandidateForRole(db, uuid, uuid),
  moveInvitedApplications: (db) => moveInvitedApplications(db, uuid, uuid, at),
  deleteEmptyInvitedUser: (db) => deleteEmptyInvitedUser(db, uuid),
  findIdempotencyRecord: (db) => findIdempotencyRecord(db, key),
  insertIdempotencyRecord: (db) => insertIdempotencyRecord(db, { ...key, request_hash: 'h', status_code: 201, response_body: '{}' }, at),
};
