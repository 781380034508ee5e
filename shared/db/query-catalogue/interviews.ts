import { findInterviewFeedback, listFeedbackOfCandidate } from '../repositories/candidate-feedback';
import {
  findInterviewForUser,
  findScore,
  findLatestInterviews,
  listInterviewsOfApplicationForUser,
  listTranscript,
  overrideScore,
} from '../repositories/interviews';
import { CATALOGUE_UUID as uuid, type QueryOperations } from './operations';

export const interviewsQueries: QueryOperations = {
  findInterviewForUser: (db) => findInterviewForUser(db, uuid, uuid),
  listInterviewsOfApplicationForUser: (db) => listInterviewsOfApplicationForUser(db, uuid, uuid),
  listTranscript: (db) => listTranscript(db, uuid),
  findScore: (db) => findScore(db, uuid),
  findLatestInterviews: (db) => findLatestInterviews(db, [uuid, uuid]),
  overrideScore: (db) =>
    overrideScore(db, { interview_id: uuid, expected_version: 1, overall_score: 50, reason: 'r', by: uuid, at: new Date(0) }),
  findInterviewFeedback: (db) => findInterviewFeedback(db, uuid),
  listFeedbackOfCandidate: (db) => listFeedbackOfCandidate(db, { candidate_id: uuid, after: { created_at: new Date(0).toISOString(), id: uuid }, rows: 26 }),
};
