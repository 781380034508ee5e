import { FAIRNESS_STAGES } from './adverse-impact';
import { csvDocument, type CsvValue } from './csv';
import type { FairnessReport } from './fairness-report';

const HEADER = [
  'field', 'group', 'kind', 'applicants', 'stage', 'selected', 'selection_rate', 'impact_ratio', 'below_four_fifths',
  'scored', 'mean_ai_score', 'standardised_difference', 'overrides', 'mean_override_change',
];

/** One row per field, reported group and stage (plus the AI-only `advanced` as stage advanced_by_ai_score). */
export function fairnessReportCsv(report: FairnessReport): string {
  const rows: CsvValue[][] = [];
  for (const field of report.fields) {
    for (const group of field.groups) {
      const stages = [...FAIRNESS_STAGES.map((stage) => [stage, group.stages[stage]] as const), ['advanced_by_ai_score', group.scores.advanced_by_ai_score] as const];
      for (const [stage, s] of stages) {
        const { scored, mean_ai_score, standardised_difference, overrides, mean_override_change } = group.scores;
        rows.push([field.field, group.value, group.kind, group.applicants, stage, s.selected, s.selection_rate, s.impact_ratio, s.below_four_fifths, scored, mean_ai_score, standardised_difference, overrides, mean_override_change]);
      }
    }
    if (field.suppressed_count) rows.push([field.field, 'suppressed', 'suppressed', String(field.suppressed_count), ...Array<string>(HEADER.length - 4).fill('')]);
  }
  return csvDocument(HEADER, rows);
}
