import { listConsents, recordConsent } from '../repositories/consents';
import {
  advanceInterview,
  findTurnContext,
  completeInterview,
  deletePartialReply,
  findConversationContext,
  findInterviewEnding,
  hasCandidateAnswers,
  lastTurnAt,
  listAbandonedInterviews,
  insertSegment,
  saveSignals,
  startInterview,
} from '../repositories/interview-conversation';
import { findLiveSession, insertSession } from '../repositories/interview-sessions';
import {
  claimInterview,
  findInvitationByTokenHash,
  findInvitationOfRecipient,
  interviewStatus,
  invitationExpiryOfInterview,
  listOpenInvitationsOfRecipient,
  markInvitationOpened,
} from '../repositories/invitation-redemption';
import { CATALOGUE_UUID as uuid, type QueryOperations } from './operations';

const at = new Date(0);

/** Candidate sessions, consents and the interview conversation. */
export const interviewSessionQueries: QueryOperations = {
  findInvitationByTokenHash: (db) => findInvitationByTokenHash(db, 'h'),
  markInvitationOpened: (db) => markInvitationOpened(db, uuid, at),
  findInvitationOfRecipient: (db) => findInvitationOfRecipient(db, { invitation_id: uuid, candidate_id: uuid, email: 'a@example.com' }),
  listOpenInvitationsOfRecipient: (db) =>
    listOpenInvitationsOfRecipient(db, { candidate_id: uuid, email: 'a@example.com', now: at, after: { created_at: at.toISOString(), id: uuid }, rows: 26 }),
  claimInterview: (db) =>
    claimInterview(db, { id: uuid, status: 'sent', expires_at: '', revoked_at: null, interview_id: null, application_id: uuid, candidate_id: uuid, organisation_id: uuid, role_title: '', department: null, role_description: null, company_name: '', interview_structure: null }, at),
  interviewStatus: (db) => interviewStatus(db, uuid),
  invitationExpiryOfInterview: (db) => invitationExpiryOfInterview(db, uuid),
  findLiveSession: (db) => findLiveSession(db, uuid, uuid, at),
  insertSession: (db) => insertSession(db, { id: uuid, interview_id: uuid, invitation_id: uuid, expires_at: at, created_at: at }),
  listConsents: (db) => listConsents(db, uuid),
  recordConsent: (db) => recordConsent(db, { interview_id: uuid, kind: 'recording', policy_version: 'v', granted_at: at, ip_address: '' }),
  findConversationContext: (db) => findConversationContext(db, uuid),
  insertSegment: (db) => insertSegment(db, { interview_id: uuid, speaker: 'ai', content: 'c', start_time_ms: 0, client_turn_id: 't', at }),
  deletePartialReply: (db) => deletePartialReply(db, uuid, 't'),
  startInterview: (db) => startInterview(db, uuid, at),
  advanceInterview: (db) => advanceInterview(db, uuid, { from_question_index: 0, question_index: 1, competencies_covered: [], at }),
  completeInterview: (db) => completeInterview(db, uuid, uuid, { at, duration_seconds: 1, end_reason: 'candidate_hung_up' }),
  findInterviewEnding: (db) => findInterviewEnding(db, uuid),
  hasCandidateAnswers: (db) => hasCandidateAnswers(db, uuid),
  lastTurnAt: (db) => lastTurnAt(db, uuid),
  listAbandonedInterviews: (db) => listAbandonedInterviews(db, at, 100),
  saveSignals: (db) => saveSignals(db, uuid, [], at),
  findTurnContext: (db) => findTurnContext(db, uuid, { id: uuid, at }),
};
