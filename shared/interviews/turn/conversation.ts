import type { Db } from '../../db/database';
import type { InterviewEndReason } from '../../domain/value-sets';
import type { InterviewerInput } from './interviewer-task';

/** One utterance as a turn reads it, whichever kind of interview holds it. */
export interface ConversationSegment {
  speaker: 'ai' | 'candidate';
  content: string;
  client_turn_id: string | null;
  is_partial: boolean;
}

/** What the interviewer is told about the interview: the role and its plan. */
export interface ConversationPlan {
  is_practice: boolean;
  role_title: string;
  company_name: string;
  responsibilities: string[];
  skills: string[];
  values: string[];
  questions: string[];
  competencies: string[];
  total_questions: number;
}

/** Everything one turn reads before it calls the interviewer. */
export interface ConversationState {
  status: string;
  started_at: string | null;
  question_index: number;
  competencies_covered: string[];
  segments: ConversationSegment[];
  consented: boolean;
  /** Whose AI usage the turn is metered under; none for a practice interview. */
  organisation_id: string | null;
  plan: ConversationPlan;
  /** The candidate's background for the interviewer, read with the rest; none for a practice interview. */
  background: InterviewerInput['background'];
}

export interface CandidateWords {
  content: string;
  start_time_ms: number;
  at: Date;
}

export interface InterviewerReply {
  client_turn_id: string;
  text: string;
  partial: boolean;
  start_time_ms: number;
  at: Date;
  from_question_index: number;
  question_index: number;
  competencies_covered: string[];
  end: { reason: InterviewEndReason; duration_seconds: number } | null;
}

/**
 * Where a conversation lives: an invited interview (its own rows, scored through the queue) or a practice
 * interview (its row, feedback when it ends). The turn's rules are the same for both and live in interview-turn.
 */
export interface Conversation {
  /** Everything a turn reads, in one round trip for an invited interview. */
  load(db: Db): Promise<ConversationState>;
  start(db: Db, at: Date): Promise<void>;
  /** Drops the turn's cut-off reply (a retry) and stores the candidate's words; a ConflictError when raced. */
  storeCandidateWords(db: Db, clientTurnId: string, write: { dropPartialReply: boolean; words: CandidateWords | null }): Promise<void>;
  /** Stores the reply and moves the plan on (ending it when `end`); false when another turn moved it first. */
  storeReply(trx: Db, reply: InterviewerReply): Promise<boolean>;
  /** After the commit of the turn that ended it: scoring is announced, or practice feedback written. */
  afterEnd(): Promise<void>;
}
