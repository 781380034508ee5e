import { randomInt, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AiGateway } from '../ai/gateway';
import { requireOrgRole } from '../auth/authorize';
import type { Caller } from '../auth/caller';
import { appendAudit } from '../db/repositories/audit-log';
import { findScoringSubject } from '../db/repositories/scores';
import {
  findConsistencyCheck,
  insertConsistencyCheck,
  listConsistencyCandidates,
  listConsistencyResults,
  type ConsistencyCandidate,
} from '../db/repositories/scoring-consistency';
import type { DbScope } from '../db/scopes';
import { DomainError, NotFoundError, ValidationError } from '../errors';
import { assessInterview } from '../interviews/scoring/score-interview';
import { rubricFromRole, rubricVersion } from '../interviews/scoring/rubric';
import type { Logger } from '../observability/logger';
import { ADVANCE_SCORE } from './adverse-impact';
import { auditFairnessRequest } from './audit-request';
import type { ConsistencyCheck, ConsistencyResult, ScoreBand } from './scoring-consistency-types';

/** Scores under this are `low`; from it up to ADVANCE_SCORE `medium`; from ADVANCE_SCORE `high`. */
export const MEDIUM_SCORE = 40;
/** Interviews re-scored at the same time: a check of 20 takes a few model calls' time, not twenty. */
const PARALLEL_RESCORES = 4;

export const ScoringConsistencyRequest = z.strictObject({
  job_role_id: z.uuid().optional().describe('Sample only this job role’s interviews; the whole organisation when left out.'),
  sample_size: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('How many finished interviews to re-score: at most, and by default, the SCORING_CONSISTENCY_SAMPLE_SIZE setting.'),
});
export type ScoringConsistencyRequest = z.infer<typeof ScoringConsistencyRequest>;

export const ScoringConsistencyQuery = z.strictObject({
  format: z.enum(['json', 'csv']).default('json').describe('json, or csv for a spreadsheet (one row per re-scored interview).'),
});

export interface ScoringConsistencyReport extends ConsistencyCheck {
  /** band_changed ÷ compared; null when nothing could be compared. */
  band_change_rate: number | null;
  bands: { medium_from: number; high_from: number };
  results: ConsistencyResult[];
}

export function bandOf(score: number | null): ScoreBand {
  if (score === null) return 'unscored';
  if (score >= ADVANCE_SCORE) return 'high';
  return score >= MEDIUM_SCORE ? 'medium' : 'low';
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** `n` of the candidates, each subset equally likely (ordered by a random key each). */
function sampleOf<T>(items: readonly T[], n: number): T[] {
  return items
    .map((item) => ({ item, key: randomInt(2 ** 47) }))
    .sort((a, b) => a.key - b.key)
    .slice(0, n)
    .map(({ item }) => item);
}

function reportOf(check: ConsistencyCheck, results: ConsistencyResult[]): ScoringConsistencyReport {
  return {
    ...check,
    band_change_rate: check.compared === 0 ? null : Math.round((check.band_changed / check.compared) * 10_000) / 10_000,
    bands: { medium_from: MEDIUM_SCORE, high_from: ADVANCE_SCORE },
    results,
  };
}

interface RescoreContext {
  data: DbScope;
  ai: AiGateway;
  userId: string;
  log: Logger;
}

/** Scores one interview again with its transcript and rubric, as scoring does, and stores nothing of it. */
async function rescore(context: RescoreContext, candidate: ConsistencyCandidate): Promise<ConsistencyResult> {
  const original = { interview_id: candidate.interview_id, original_score: candidate.overall_score, original_band: bandOf(candidate.overall_score) };
  const failed = (error: string): ConsistencyResult => ({
    ...original, outcome: 'failed', rescored_score: null, rescored_band: null, band_changed: false, absolute_difference: null, model_version: null, error,
  });
  const subject = await context.data.run((db) => findScoringSubject(db, candidate.interview_id, context.userId));
  if (!subject) return failed('The interview no longer exists.');
  try {
    const { fields } = await assessInterview(context.data, context.ai, subject, context.log);
    const rescored = fields.overall_score;
    const difference = rescored === null || candidate.overall_score === null ? null : round2(Math.abs(rescored - candidate.overall_score));
    return {
      ...original,
      outcome: 'compared',
      rescored_score: rescored,
      rescored_band: bandOf(rescored),
      band_changed: bandOf(rescored) !== original.original_band,
      absolute_difference: difference,
      model_version: fields.model_version,
      error: null,
    };
  } catch (error) {
    // A model that stays busy or answers badly fails this interview alone; the check goes on.
    if (!(error instanceof DomainError)) throw error;
    return failed(error.message.slice(0, 500));
  }
}

async function rescoreAll(context: RescoreContext, sample: readonly ConsistencyCandidate[]): Promise<ConsistencyResult[]> {
  const results: ConsistencyResult[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < sample.length; i = next++) {
      const candidate = sample[i];
      if (candidate) results.push(await rescore(context, candidate));
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_RESCORES, sample.length) }, worker));
  return results.sort((a, b) => a.interview_id.localeCompare(b.interview_id));
}

/**
 * Scoring consistency for an organisation's admins: re-scores a random sample of its finished, scored interviews
 * (same transcript, same rubric, the real scoring path: model, quote verification, re-ask, weights) and stores how
 * often the score band changes. The request is audited before anything is read; no stored score is changed. Reads
 * and writes are short scopes: no connection is held while the model answers.
 */
export async function runScoringConsistencyCheck(
  data: DbScope,
  ai: AiGateway,
  caller: Caller,
  organisationId: string,
  request: ScoringConsistencyRequest,
  context: { maxSampleSize: number; ipAddress: string; log: Logger },
): Promise<ScoringConsistencyReport> {
  requireOrgRole(caller, organisationId, ['admin']);
  const sampleSize = request.sample_size ?? context.maxSampleSize;
  if (sampleSize > context.maxSampleSize) {
    throw new ValidationError(`At most ${context.maxSampleSize} interviews are re-scored at a time (SCORING_CONSISTENCY_SAMPLE_SIZE).`, [
      { path: 'sample_size', message: `must be at most ${context.maxSampleSize}` },
    ]);
  }
  const jobRoleId = request.job_role_id ?? null;
  await auditFairnessRequest(data, caller, {
    organisationId,
    jobRoleId,
    action: 'scoring_consistency_check_requested',
    details: { sample_size: sampleSize },
    ipAddress: context.ipAddress,
  });

  const candidates = await data.run((db) => listConsistencyCandidates(db, organisationId, jobRoleId, caller.user.id));
  const eligible = candidates.filter((c) => c.rubric_version === rubricVersion(rubricFromRole(c.scoring_rubric)));
  const results = await rescoreAll({ data, ai, userId: caller.user.id, log: context.log }, sampleOf(eligible, sampleSize));

  const compared = results.filter((r) => r.outcome === 'compared');
  const differences = compared.flatMap((r) => (r.absolute_difference === null ? [] : [r.absolute_difference]));
  const check: ConsistencyCheck = {
    id: randomUUID(),
    organisation_id: organisationId,
    job_role_id: jobRoleId,
    requested_by: caller.user.id,
    sample_size: sampleSize,
    eligible: eligible.length,
    rubric_changed: candidates.length - eligible.length,
    compared: compared.length,
    failed: results.length - compared.length,
    band_changed: compared.filter((r) => r.band_changed).length,
    mean_absolute_difference: differences.length === 0 ? null : round2(differences.reduce((s, d) => s + d, 0) / differences.length),
    created_at: new Date().toISOString(),
  };
  await data.transaction((trx) => insertConsistencyCheck(trx, check, results));
  return reportOf(check, results);
}

/** A stored check with its results, for the organisation's admins; every read is audited. */
export async function readScoringConsistencyCheck(
  data: DbScope,
  caller: Caller,
  organisationId: string,
  checkId: string,
  context: { format: 'json' | 'csv'; ipAddress: string },
): Promise<ScoringConsistencyReport> {
  requireOrgRole(caller, organisationId, ['admin']);
  return data.transaction(async (trx) => {
    const check = await findConsistencyCheck(trx, organisationId, checkId, caller.user.id);
    if (!check) throw new NotFoundError('No such scoring-consistency check in this organisation.');
    await appendAudit(trx, {
      user_id: caller.user.id,
      organisation_id: organisationId,
      action: 'scoring_consistency_check_read',
      entity_type: 'scoring_consistency_check',
      entity_id: checkId,
      old_values: null,
      new_values: { format: context.format },
      ip_address: context.ipAddress,
    });
    return reportOf(check, await listConsistencyResults(trx, checkId));
  });
}
