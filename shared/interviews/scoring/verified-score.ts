import type { DimensionAssessment, ScoreInterviewOutput } from './score-interview-task';
import type { ScoringDimension } from '../../domain/job-role';
import { verifyQuotes, type QuoteCheck } from './evidence';
import type { RubricDimension } from './rubric';
import type { StoredDimension } from './score-types';

/**
 * Marks the stored evidence of a dimension none of whose quotes could be verified: it keeps its score, its
 * cited_quotes is empty, and it does not count towards the overall score.
 */
export const UNVERIFIED_PREFIX = '[unverified] ';

export interface CheckedDimension {
  assessment: DimensionAssessment;
  check: QuoteCheck;
  /** True when this dimension was named in the re-ask. */
  reasked: boolean;
}

export function checkAnswer(answer: ScoreInterviewOutput, candidateAnswers: readonly string[]): CheckedDimension[] {
  return answer.dimensions.map((assessment) => ({ assessment, check: verifyQuotes(assessment.cited_quotes, candidateAnswers), reasked: false }));
}

export function dimensionsWithoutEvidence(checked: readonly CheckedDimension[]): ScoringDimension[] {
  return checked.filter((c) => c.check.verified.length === 0).map((c) => c.assessment.dimension);
}

/** After the re-ask, a dimension it named takes the new assessment when that one is backed by a verified quote. */
export function mergeReask(first: readonly CheckedDimension[], second: readonly CheckedDimension[]): CheckedDimension[] {
  return first.map((c) => {
    if (c.check.verified.length > 0) return c;
    const fixed = second.find((s) => s.assessment.dimension === c.assessment.dimension && s.check.verified.length > 0);
    return { ...(fixed ?? c), reasked: true };
  });
}

export interface ScoredDimension extends StoredDimension {
  evidence_verified: boolean;
}

export interface DimensionVerification {
  dimension: string;
  cited: number;
  verified: number;
  dropped: number;
  reasked: boolean;
}

const halfSteps = (score: number) => Math.min(10, Math.max(0, Math.round(score * 2) / 2));

/** The dimensions as stored, in rubric order, with the rubric's weight and only the verified quotes. */
export function toScoredDimensions(rubric: readonly RubricDimension[], checked: readonly CheckedDimension[]): ScoredDimension[] {
  return rubric.flatMap(({ dimension, weight }) => {
    const c = checked.find((x) => x.assessment.dimension === dimension);
    if (!c) return [];
    const verified = c.check.verified.length > 0;
    const evidence = c.assessment.evidence.trim() || 'No evidence given.';
    return [
      {
        dimension,
        score: halfSteps(c.assessment.score),
        weight,
        evidence: verified ? evidence : `${UNVERIFIED_PREFIX}${evidence}`,
        cited_quotes: c.check.verified,
        evidence_verified: verified,
      },
    ];
  });
}

export function verificationOf(checked: readonly CheckedDimension[]): DimensionVerification[] {
  return checked.map((c) => ({
    dimension: c.assessment.dimension,
    cited: c.check.verified.length + c.check.dropped.length,
    verified: c.check.verified.length,
    dropped: c.check.dropped.length,
    reasked: c.reasked,
  }));
}

/**
 * The overall score (0..100) computed by the server, never taken from a model: the weighted mean of the verified
 * dimensions' scores, their weights renormalised to sum to 1, times ten, to two decimals. Null when no dimension
 * has verified evidence.
 */
export function overallScore(dimensions: readonly ScoredDimension[]): number | null {
  const counted = dimensions.filter((d) => d.evidence_verified && d.weight > 0);
  const totalWeight = counted.reduce((sum, d) => sum + d.weight, 0);
  if (counted.length === 0 || totalWeight <= 0) return null;
  const mean = counted.reduce((sum, d) => sum + d.score * d.weight, 0) / totalWeight;
  return Math.round(mean * 10 * 100) / 100;
}
