/** What a candidate's interview session token gives access to: one interview of one application. */
export interface InterviewSession {
  session_id: string;
  interview_id: string;
  application_id: string;
  candidate_id: string;
  organisation_id: string;
  expires_at: string;
}

/** What a practice interview's session token gives access to: one practice interview of its owner. */
export interface PracticeSession {
  practice_interview_id: string;
  user_id: string;
}

/** The live page's credential on the endpoints that serve both kinds of interview (the turn, the end). */
export type AnySession = InterviewSession | PracticeSession;

export function isPracticeSession(session: AnySession): session is PracticeSession {
  return 'practice_interview_id' in session;
}
