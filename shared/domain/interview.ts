import type { AntiCheatSignal } from './interview-signals';

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
}

export interface TranscriptSegment {
  id: string;
  speaker: 'ai' | 'candidate';
  content: string;
  start_time_ms: number;
  end_time_ms: number | null;
  confidence: number | null;
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
