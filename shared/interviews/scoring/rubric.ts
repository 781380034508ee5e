import { createHash } from 'node:crypto';
import { SCORING_DIMENSIONS, type ScoringDimension } from '../../domain/job-role';

/** One weighted dimension of the rubric an interview is scored against. */
export interface RubricDimension {
  dimension: ScoringDimension;
  label: string;
  weight: number;
}

/** The original scorer's defaults (original-system.md §1.2), used when the role has no usable rubric. */
export const DEFAULT_RUBRIC: readonly RubricDimension[] = [
  { dimension: 'vocabulary', label: 'Vocabulary', weight: 0.1 },
  { dimension: 'domain_knowledge', label: 'Domain knowledge', weight: 0.15 },
  { dimension: 'technical_skills', label: 'Technical skills', weight: 0.2 },
  { dimension: 'experience_depth', label: 'Experience depth', weight: 0.1 },
  { dimension: 'communication', label: 'Communication', weight: 0.15 },
  { dimension: 'culture_fit', label: 'Culture fit', weight: 0.1 },
  { dimension: 'motivation', label: 'Motivation', weight: 0.1 },
  { dimension: 'confidence', label: 'Confidence', weight: 0.1 },
];

function isDimension(key: string): key is ScoringDimension {
  return (SCORING_DIMENSIONS as readonly string[]).includes(key);
}

function labelOf(dimension: ScoringDimension): string {
  const text = dimension.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The rubric of a role as stored (`{dimension: {weight, label}}`). Rows written before rubrics were validated
 * may hold unknown dimensions or unusable weights; those entries are skipped, and a rubric with nothing usable
 * left falls back to the defaults. Weights need not sum to 1: the overall score renormalises them.
 */
export function rubricFromRole(stored: unknown): RubricDimension[] {
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return [...DEFAULT_RUBRIC];
  const dimensions: RubricDimension[] = [];
  for (const [key, value] of Object.entries(stored as Record<string, unknown>)) {
    if (!isDimension(key) || value === null || typeof value !== 'object') continue;
    const { weight, label } = value as { weight?: unknown; label?: unknown };
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0 || weight > 1) continue;
    const text = typeof label === 'string' && label.trim().length > 0 ? label.trim().slice(0, 100) : labelOf(key);
    dimensions.push({ dimension: key, label: text, weight });
  }
  if (dimensions.length === 0) return [...DEFAULT_RUBRIC];
  return dimensions.sort((a, b) => SCORING_DIMENSIONS.indexOf(a.dimension) - SCORING_DIMENSIONS.indexOf(b.dimension));
}

/** A short, stable fingerprint of the rubric a score was computed with: the same rubric always gives the same one. */
export function rubricVersion(rubric: readonly RubricDimension[]): string {
  const canonical = JSON.stringify(rubric.map(({ dimension, label, weight }) => [dimension, label, weight]));
  return `rubric-${createHash('sha256').update(canonical).digest('hex').slice(0, 12)}`;
}
