import {
  acquireLease,
  anonymiseCandidate,
  deleteTranscriptsBefore,
  eraseCandidate,
  findCandidateBlobs,
  findOpenDeletionRequest,
  listInterviewsWithRecordingsBefore,
  listOpenDeletionRequests,
  listOrganisationRetention,
  listStaleCvs,
  clearCvPath,
  markCandidateRecordingsDeleted,
  markRecordingsDeleted,
  pseudonymiseAudit,
  releaseLease,
  setDeletionRequestStatus,
} from '../repositories/retention';
import { listOwnConsents, listOwnInterviews } from '../repositories/candidate-export';
import { CATALOGUE_UUID as uuid, type QueryOperations } from './operations';

const at = new Date(0);

/** The retention job: its lease, recordings and transcripts past retention, deletion requests carried out. */
export const privacyQueries: QueryOperations = {
  acquireLease: (db) => acquireLease(db, { name: 'data-retention-cleanup', holder: uuid, now: at, expiresAt: at }),
  releaseLease: (db) => releaseLease(db, 'data-retention-cleanup', uuid),
  listOrganisationRetention: (db) => listOrganisationRetention(db, uuid),
  listInterviewsWithRecordingsBefore: (db) => listInterviewsWithRecordingsBefore(db, uuid, at, 50),
  markRecordingsDeleted: (db) => markRecordingsDeleted(db, [uuid], at),
  deleteTranscriptsBefore: (db) => deleteTranscriptsBefore(db, uuid, at),
  listOpenDeletionRequests: (db) => listOpenDeletionRequests(db, { organisationId: uuid, userId: uuid }, 50, { requestedAt: at, id: uuid }),
  findOpenDeletionRequest: (db) => findOpenDeletionRequest(db, uuid),
  setDeletionRequestStatus: (db) => setDeletionRequestStatus(db, uuid, { status: 'completed', processed_at: at, processed_by: 'data-retention-cleanup', notes: 'n' }),
  findCandidateBlobs: (db) => findCandidateBlobs(db, uuid),
  markCandidateRecordingsDeleted: (db) => markCandidateRecordingsDeleted(db, uuid, at),
  anonymiseCandidate: (db) => anonymiseCandidate(db, uuid),
  eraseCandidate: (db) => eraseCandidate(db, uuid),
  pseudonymiseAudit: (db) => pseudonymiseAudit(db, uuid),
  listStaleCvs: (db) => listStaleCvs(db, at, 50, uuid),
  clearCvPath: (db) => clearCvPath(db, { user_id: uuid, cv_file_path: 'p' }),
  listOwnInterviews: (db) => listOwnInterviews(db, uuid),
  listOwnConsents: (db) => listOwnConsents(db, uuid),
};
