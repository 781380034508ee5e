import { listAuditLog } from '../repositories/audit-log';
import {
  findOpenRequestOfType,
  insertDeletionRequest,
  listDeletionRequests,
  listDeletionRequestsForOrganisation,
  lockDeletionRequestsOf,
} from '../repositories/deletion-requests';
import {
  countAdmins,
  deleteMembership,
  findMember,
  listMembers,
  lockMembershipsOf,
  updateMemberRole,
} from '../repositories/members';
import {
  findMemberInvitation,
  findPendingMemberInvitation,
  insertMemberInvitation,
  listPendingInvitationsForEmail,
  listPendingMemberInvitations,
  markMemberInvitationAccepted,
  markMemberInvitationRevoked,
} from '../repositories/member-invitations';
import { findOrganisationProfileForApplicant, updateOrganisation } from '../repositories/organisations';
import { countDashboard } from '../repositories/dashboard';
import {
  completePracticeInterview,
  findPracticeConversation,
  findPracticeSession,
  insertPracticeInterview,
  listPracticeInterviews,
  replacePracticeTranscript,
  savePracticeFeedback,
  startPracticeInterview,
} from '../repositories/practice-interviews';
import { CATALOGUE_UUID as uuid, type QueryOperations } from './operations';

const after = { value: '2026-01-01T00:00:00.000Z', id: uuid };
const at = new Date(0);

/** Organisation settings, members, audit log, and the candidate's practice interviews and deletion requests. */
export const organisationsQueries: QueryOperations = {
  findOrganisationProfileForApplicant: (db) => findOrganisationProfileForApplicant(db, uuid, uuid),
  updateOrganisation: (db) =>
    updateOrganisation(db, uuid, 1, { name: 'n', industry: null, values_framework: ['Integrity'], recording_retention_days: 30 }, at),
  listMembers: (db) => listMembers(db, uuid, after, 26),
  findMember: (db) => findMember(db, uuid, uuid),
  lockMembershipsOf: (db) => lockMembershipsOf(db, uuid),
  countAdmins: (db) => countAdmins(db, uuid),
  updateMemberRole: (db) => updateMemberRole(db, uuid, 1, 'viewer'),
  deleteMembership: (db) => deleteMembership(db, uuid),
  insertMemberInvitation: (db) =>
    insertMemberInvitation(db, { id: uuid, organisation_id: uuid, email: 'a@example.com', role: 'viewer', invited_by: uuid, created_at: at, expires_at: at }),
  findPendingMemberInvitation: (db) => findPendingMemberInvitation(db, uuid, 'a@example.com', at),
  listPendingMemberInvitations: (db) => listPendingMemberInvitations(db, uuid, at),
  listPendingInvitationsForEmail: (db) => listPendingInvitationsForEmail(db, 'a@example.com', at),
  findMemberInvitation: (db) => findMemberInvitation(db, uuid),
  markMemberInvitationAccepted: (db) => markMemberInvitationAccepted(db, uuid, 'a@example.com', uuid, at),
  markMemberInvitationRevoked: (db) => markMemberInvitationRevoked(db, uuid, uuid, at),
  listAuditLog: (db) =>
    listAuditLog(db, uuid, { action: 'a', entity_type: 'e', user_id: uuid, from: at, to: at }, after, 26),
  countDashboard: (db) => countDashboard(db, uuid, { from: at, to: at }),
  insertPracticeInterview: (db) =>
    insertPracticeInterview(db, { id: uuid, user_id: uuid, sample_role_type: 'software_engineer', created_at: at }),
  listPracticeInterviews: (db) => listPracticeInterviews(db, uuid, after, 26),
  findPracticeSession: (db) => findPracticeSession(db, { practice_interview_id: uuid, user_id: uuid }),
  findPracticeConversation: (db) => findPracticeConversation(db, uuid, uuid),
  startPracticeInterview: (db) => startPracticeInterview(db, uuid, at),
  replacePracticeTranscript: (db) => replacePracticeTranscript(db, uuid, '[]', { transcript: [], from_question_index: 0, question_index: 1 }),
  completePracticeInterview: (db) => completePracticeInterview(db, uuid, { at, duration_seconds: 60, end_reason: 'candidate_hung_up' }),
  savePracticeFeedback: (db) => savePracticeFeedback(db, uuid, { overall_score: 7 }),
  lockDeletionRequestsOf: (db) => lockDeletionRequestsOf(db, uuid),
  findOpenRequestOfType: (db) => findOpenRequestOfType(db, uuid, 'full_deletion'),
  insertDeletionRequest: (db) =>
    insertDeletionRequest(db, { id: uuid, user_id: uuid, request_type: 'anonymize', reason: null, requested_at: at }),
  listDeletionRequests: (db) => listDeletionRequests(db, uuid, after, 26),
  listDeletionRequestsForOrganisation: (db) =>
    listDeletionRequestsForOrganisation(db, uuid, { status: 'pending' }, after, 26),
};
