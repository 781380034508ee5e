import type { AntiCheatSignal } from './interview-signals';
import type { CALL_STATES } from './value-sets';

export type CallState = (typeof CALL_STATES)[number];

/** An interview as staff of the organisation see it, with its transcript and score. */
export interface InterviewSummary {
  id: string;
  application_id: string;
  status: string;
  started_at: string | null;
  ended_at: string | null;
  duration_seconds: number | null;
  created_at: string;
  updated_at: string;
}

export interface StaffInterview extends InterviewSummary {
  has_recording: boolean;
  anti_cheat_signals: AntiCheatSignal[];
  /** The interview's call (null before one started); `ended_early` when it ended before the interview completed. */
  call_state: CallState | null;
  call_started_at: string | null;
  call_ended_at: string | null;
  /** Why nothing was recorded (no recording consent), when that is so. */
  recording_refused_reason: string | null;
}

export interface TranscriptSegment {
  id: string;
  speaker: 'ai' | 'candidate';
  content: string;
  start_time_ms: number;
  end_time_ms: number | null;
  confidence: number | null;
  /** The turn the segment belongs to (the client's turn id); null for segments written outside a turn. */
  client_turn_id: string | null;
  /** An AI reply cut off mid-stream: kept for the record, left out of what the model and the scorer read. */
  is_partial: boolean;
}

/** The transcript as said in full: what the interviewer model and the scorer read (cut-off replies left out). */
export function completeSegments<T extends Pick<TranscriptSegment, 'is_partial'>>(segments: readonly T[]): T[] {
  return segments.filter((segment) => !segment.is_partial);
}

export interface ScoreDimension {
  dimension: string;
  score: number;
  weight: number;
  evidence: string | null;
  cited_quotes: string[];
}

export interface HumanOverride {
  overall_score: number;
  reason: string;
  by: string;
  at: string;
}

export interface InterviewScore {
  /** The AI's overall score, kept when a person overrides it. */
  overall_score: number | null;
  /** What the organisation acts on: the human override when there is one, else the AI's score. */
  effective_score: number | null;
  narrative_summary: string | null;
  candidate_feedback: string | null;
  anti_cheat_risk_level: string | null;
  anti_cheat_notes: string | null;
  scored_by: string | null;
  model_version: string | null;
  prompt_version: string | null;
  rubric_version: string | null;
  human_override: HumanOverride | null;
  dimensions: ScoreDimension[];
  version: number;
  created_at: string;
  updated_at: string;
}

/** What the candidate sees of their own interview: its status and the feedback written for them. */
export interface CandidateInterview extends InterviewSummary {
  candidate_feedback: string | null;
}
