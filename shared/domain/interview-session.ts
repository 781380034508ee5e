/** What a candidate's interview session token gives access to: one interview of one application. */
export interface InterviewSession {
  session_id: string;
  interview_id: string;
  application_id: string;
  candidate_id: string;
  organisation_id: string;
  expires_at: string;
}
