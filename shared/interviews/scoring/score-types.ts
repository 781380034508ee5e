import type { RoleForScoring } from './score-interview-task';
import type { AntiCheatSignal } from '../../domain/interview-signals';
import type { InterviewScore } from '../../domain/interview';

/** Everything scoring reads about an interview besides its transcript, all from the database. */
export interface ScoringSubject {
  interview_id: string;
  interview_status: string;
  application_id: string;
  application_status: string;
  organisation_id: string;
  anti_cheat_signals: AntiCheatSignal[];
  role: RoleForScoring;
  /** The stored `job_roles.scoring_rubric`, as stored; rubricFromRole makes sense of it. */
  scoring_rubric: unknown;
  organisation_values: string[];
}

/** One dimension as stored in score_dimensions. */
export interface StoredDimension {
  dimension: string;
  score: number;
  weight: number;
  evidence: string;
  cited_quotes: string[];
}

/** The AI fields of interview_scores; a human override beside them is left as it is. */
export interface AiScoreFields {
  overall_score: number | null;
  narrative_summary: string;
  candidate_feedback: string;
  anti_cheat_risk_level: string;
  anti_cheat_notes: string | null;
  scored_by: string;
  model_version: string;
  prompt_version: string;
  rubric_version: string;
}

/** An earlier score of an interview, kept when it was re-scored: the score and its dimensions as they were. */
export interface ScoreRevision {
  id: string;
  interview_id: string;
  replaced_at: string;
  snapshot: InterviewScore;
}
