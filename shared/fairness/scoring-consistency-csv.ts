import { csvDocument } from './csv';
import type { ScoringConsistencyReport } from './scoring-consistency';

const HEADER = ['interview_id', 'outcome', 'original_score', 'original_band', 'rescored_score', 'rescored_band', 'band_changed', 'absolute_difference', 'model_version', 'error'];

/** One row per re-scored interview; the check's totals are in the JSON form. */
export function scoringConsistencyCsv(report: ScoringConsistencyReport): string {
  return csvDocument(
    HEADER,
    report.results.map((r) => [r.interview_id, r.outcome, r.original_score, r.original_band, r.rescored_score, r.rescored_band, r.band_changed, r.absolute_difference, r.model_version, r.error]),
  );
}
