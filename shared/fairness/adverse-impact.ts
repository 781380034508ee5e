import { foldSmallGroups } from '../candidates/dei-summary';
import { DEI_FIELDS, DEI_MINIMUM_GROUP_SIZE, type CandidateDeiFields, type DeiField } from '../domain/candidate-dei';

/** The pipeline stages whose selection rates are compared; each rate is out of the group's applicants. */
export const FAIRNESS_STAGES = ['shortlisted', 'invited', 'interviewed', 'advanced', 'hired'] as const;
export type FairnessStage = (typeof FAIRNESS_STAGES)[number];

/** The four-fifths rule: a group selected at under 80% of the most-selected group's rate is flagged. */
export const FOUR_FIFTHS = 0.8;
/** An interview score (0–100) at or above this is in the high band: the candidate advances. */
export const ADVANCE_SCORE = 70;

export type GroupKind = 'answer' | 'prefer_not_to_say' | 'missing';

/** One application's facts, inside the service only: nothing per person is ever returned. */
export interface Outcome {
  dei: CandidateDeiFields;
  stages: Record<Exclude<FairnessStage, 'advanced'>, boolean>;
  /** The AI's overall score of the latest scored interview, and the human override of it if there is one. */
  ai_score: number | null;
  override_score: number | null;
}

export interface Selection {
  selected: number;
  selection_rate: number;
  /** The rate over the most-selected answer group's rate; null when no answer group was selected at all. */
  impact_ratio: number | null;
  below_four_fifths: boolean;
}

export interface GroupScores {
  scored: number;
  /** Null when fewer than the minimum group size were scored. */
  mean_ai_score: number | null;
  standardised_difference: number | null;
  overrides: number;
  mean_override_change: number | null;
  /** `advanced` as the AI alone would have decided it (AI score, overrides ignored). */
  advanced_by_ai_score: Selection;
}

export interface GroupReport {
  value: string;
  kind: GroupKind;
  applicants: number;
  stages: Record<FairnessStage, Selection>;
  scores: GroupScores;
}

export interface FieldReport {
  field: DeiField;
  /** Null when the report has fewer applicants than the minimum group size: nothing is reported. */
  applicants: number | null;
  groups: GroupReport[];
  /** Applicants in groups folded together so no small group can be learnt, alone or by subtraction. */
  suppressed_count: number | null;
  /** Whether any group's four-fifths flag for `advanced` differs between AI scores alone and after overrides. */
  overrides_change_flags: boolean;
}

export interface OverrideSummary {
  scored: number;
  overridden: number;
  override_rate: number | null;
  mean_change: number | null;
  mean_absolute_change: number | null;
}

export interface AdverseImpact {
  applicants: number;
  selected: Record<FairnessStage, number>;
  mean_ai_score: number | null;
  ai_score_standard_deviation: number | null;
  overrides: OverrideSummary;
  fields: FieldReport[];
}

const PREFER_NOT_TO_SAY = /^prefer(red)?[\s_-]*not[\s_-]*to[\s_-]*(say|answer|disclose)$/;
const MISSING_LABEL = 'not answered';
const PREFER_NOT_LABEL = 'prefer not to say';

const round = (value: number) => Math.round(value * 10_000) / 10_000;
const mean = (values: readonly number[]) => (values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length);

function standardDeviation(values: readonly number[]): number | null {
  const m = mean(values);
  if (m === null) return null;
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / values.length);
}

function reached(outcome: Outcome, stage: FairnessStage): boolean {
  if (stage !== 'advanced') return outcome.stages[stage];
  const final = outcome.override_score ?? outcome.ai_score;
  return final !== null && final >= ADVANCE_SCORE;
}

const advancedByAi = (outcome: Outcome) => outcome.ai_score !== null && outcome.ai_score >= ADVANCE_SCORE;

/** Answers are free text: grouped without regard to case or spaces; the ways of declining become one group. */
function groupOf(answer: string | null): { key: string; value: string; kind: GroupKind } {
  if (answer === null || answer.trim() === '') return { key: 'missing', value: MISSING_LABEL, kind: 'missing' };
  const value = answer.trim().toLowerCase();
  if (PREFER_NOT_TO_SAY.test(value)) return { key: 'prefer_not_to_say', value: PREFER_NOT_LABEL, kind: 'prefer_not_to_say' };
  return { key: `answer:${value}`, value, kind: 'answer' };
}

/** One value per stage, typed without a cast (a new stage fails to compile here until it is added). */
export function perStage<T>(value: (stage: FairnessStage) => T): Record<FairnessStage, T> {
  return { shortlisted: value('shortlisted'), invited: value('invited'), interviewed: value('interviewed'), advanced: value('advanced'), hired: value('hired') };
}

type Chooser = (o: Outcome) => boolean;
const rateOf = (members: readonly Outcome[], chosen: Chooser) => members.filter(chosen).length / members.length;

/** The highest selection rate among the groups that answered: the reference of every impact ratio. */
function referenceRate(groups: ReadonlyArray<{ kind: GroupKind; members: Outcome[] }>, chosen: Chooser): number {
  return Math.max(0, ...groups.filter((g) => g.kind === 'answer').map((g) => rateOf(g.members, chosen)));
}

function selectionOf(members: readonly Outcome[], chosen: Chooser, reference: number): Selection {
  const rate = rateOf(members, chosen);
  const ratio = reference > 0 ? rate / reference : null;
  return { selected: members.filter(chosen).length, selection_rate: round(rate), impact_ratio: ratio === null ? null : round(ratio), below_four_fifths: ratio !== null && ratio < FOUR_FIFTHS };
}

function reportField(field: DeiField, outcomes: readonly Outcome[], overall: { mean: number | null; sd: number | null }): FieldReport {
  if (outcomes.length < DEI_MINIMUM_GROUP_SIZE) {
    return { field, applicants: null, groups: [], suppressed_count: null, overrides_change_flags: false };
  }
  const byKey = new Map<string, { value: string; kind: GroupKind; members: Outcome[] }>();
  for (const outcome of outcomes) {
    const { key, value, kind } = groupOf(outcome.dei[field]);
    const group = byKey.get(key) ?? { value, kind, members: [] };
    group.members.push(outcome);
    byKey.set(key, group);
  }
  const { kept, suppressed } = foldSmallGroups(
    [...byKey.values()].map((g) => ({ ...g, count: g.members.length })),
    DEI_MINIMUM_GROUP_SIZE,
  );
  const chooser = (stage: FairnessStage): Chooser => (o) => reached(o, stage);
  const references = perStage((stage) => referenceRate(kept, chooser(stage)));
  const aiReference = referenceRate(kept, advancedByAi);
  const groups = kept.map((group): GroupReport => {
    const scored = group.members.flatMap((o) => (o.ai_score === null ? [] : [o]));
    const aiMean = scored.length >= DEI_MINIMUM_GROUP_SIZE ? mean(scored.map((o) => o.ai_score ?? 0)) : null;
    const changes = scored.flatMap((o) => (o.override_score === null || o.ai_score === null ? [] : [o.override_score - o.ai_score]));
    return {
      value: group.value,
      kind: group.kind,
      applicants: group.count,
      stages: perStage((stage) => selectionOf(group.members, chooser(stage), references[stage])),
      scores: {
        scored: scored.length,
        mean_ai_score: aiMean === null ? null : round(aiMean),
        standardised_difference: aiMean === null || overall.mean === null || !overall.sd ? null : round((aiMean - overall.mean) / overall.sd),
        overrides: changes.length,
        mean_override_change: scored.length >= DEI_MINIMUM_GROUP_SIZE && changes.length > 0 ? round(mean(changes) ?? 0) : null,
        advanced_by_ai_score: selectionOf(group.members, advancedByAi, aiReference),
      },
    };
  });
  return {
    field,
    applicants: outcomes.length,
    groups,
    suppressed_count: suppressed,
    overrides_change_flags: groups.some((g) => g.stages.advanced.below_four_fifths !== g.scores.advanced_by_ai_score.below_four_fifths),
  };
}

/**
 * Selection rates, impact ratios (four-fifths rule), AI scores and overrides by self-reported group, for every
 * DEI field. Small groups are folded as the DEI summary folds them; declining and not answering are groups of
 * their own, reported but never the reference.
 */
export function measureAdverseImpact(outcomes: readonly Outcome[]): AdverseImpact {
  const aiScores = outcomes.flatMap((o) => (o.ai_score === null ? [] : [o.ai_score]));
  const overall = { mean: mean(aiScores), sd: standardDeviation(aiScores) };
  const changes = outcomes.flatMap((o) => (o.override_score === null || o.ai_score === null ? [] : [o.override_score - o.ai_score]));
  const meanChange = mean(changes);
  const meanAbsolute = mean(changes.map(Math.abs));
  return {
    applicants: outcomes.length,
    selected: perStage((stage) => outcomes.filter((o) => reached(o, stage)).length),
    mean_ai_score: overall.mean === null ? null : round(overall.mean),
    ai_score_standard_deviation: overall.sd === null ? null : round(overall.sd),
    overrides: {
      scored: aiScores.length,
      overridden: changes.length,
      override_rate: aiScores.length === 0 ? null : round(changes.length / aiScores.length),
      mean_change: meanChange === null ? null : round(meanChange),
      mean_absolute_change: meanAbsolute === null ? null : round(meanAbsolute),
    },
    fields: DEI_FIELDS.map((field) => reportField(field, outcomes, overall)),
  };
}
