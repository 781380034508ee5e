/**
 * Score bands of an interview's overall score (0–100). `high` is the fairness report's `advanced` (ADVANCE_SCORE);
 * `unscored` is an overall left empty because no dimension had verified evidence.
 */
export const SCORE_BANDS = ['unscored', 'low', 'medium', 'high'] as const;
export type ScoreBand = (typeof SCORE_BANDS)[number];

/** One re-scored interview of a check: the stored AI score beside the new one. */
export interface ConsistencyResult {
  interview_id: string;
  /** `failed`: the model gave no usable answer; the interview counts in `failed`, not in the comparison. */
  outcome: 'compared' | 'failed';
  original_score: number | null;
  rescored_score: number | null;
  original_band: ScoreBand;
  rescored_band: ScoreBand | null;
  band_changed: boolean;
  absolute_difference: number | null;
  model_version: string | null;
  error: string | null;
}

/** A stored check: what was sampled and how often the band changed. */
export interface ConsistencyCheck {
  id: string;
  organisation_id: string;
  job_role_id: string | null;
  requested_by: string | null;
  /** How many interviews were asked for (at most the SCORING_CONSISTENCY_SAMPLE_SIZE setting). */
  sample_size: number;
  /** Scored interviews scored with the role's current rubric: the population the sample is drawn from. */
  eligible: number;
  /** Scored interviews left out because their score was computed with another (or an unknown) rubric. */
  rubric_changed: number;
  compared: number;
  failed: number;
  band_changed: number;
  mean_absolute_difference: number | null;
  created_at: string;
}
