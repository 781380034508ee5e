import { randomUUID } from 'node:crypto';
import type { Db } from '../database';
import { firstRows } from '../dialect';
import { isRoleOrganisationMember, selectInterviewWithOwner } from '../scoping';
import { readBoolean, readJson, readNumber, readTimestamp } from '../values';
import { SCORE_BANDS, type ConsistencyCheck, type ConsistencyResult, type ScoreBand } from '../../fairness/scoring-consistency-types';

/** A scored interview a check may re-score: its stored AI score, the rubric it was scored with and the role's rubric now. */
export interface ConsistencyCandidate {
  interview_id: string;
  overall_score: number | null;
  rubric_version: string | null;
  /** The role's `scoring_rubric` as stored today. */
  scoring_rubric: unknown;
}

/** The most recent interviews a check samples from; older ones are left out so a check stays a bounded read. */
export const CANDIDATE_WINDOW = 5000;

/**
 * The organisation's (or one role's) completed, non-practice interviews with an AI score, newest first, only when
 * `memberUserId` is a member of the organisation (scoped in the query).
 */
export async function listConsistencyCandidates(db: Db, organisationId: string, jobRoleId: string | null, memberUserId: string): Promise<ConsistencyCandidate[]> {
  let query = selectInterviewWithOwner(db)
    .innerJoin('interview_scores', 'interview_scores.interview_id', 'interviews.id')
    .select(['interviews.id as interview_id', 'interview_scores.overall_score', 'interview_scores.rubric_version', 'job_roles.scoring_rubric'])
    .where('interviews.status', '=', 'completed')
    .where('interviews.is_practice', '=', false)
    .where('job_roles.organisation_id', '=', organisationId)
    .where(isRoleOrganisationMember(memberUserId));
  if (jobRoleId !== null) query = query.where('job_roles.id', '=', jobRoleId);
  const rows = await firstRows(db, query.orderBy('interview_scores.updated_at', 'desc').orderBy('interviews.id'), CANDIDATE_WINDOW).execute();
  return rows.map((row) => ({
    interview_id: row.interview_id,
    overall_score: readNumber(row.overall_score),
    rubric_version: row.rubric_version,
    scoring_rubric: readJson<unknown>(row.scoring_rubric),
  }));
}

/** A finished check and its results, in one transaction. */
export async function insertConsistencyCheck(db: Db, check: ConsistencyCheck, results: readonly ConsistencyResult[]): Promise<void> {
  await db
    .insertInto('scoring_consistency_checks')
    .values({
      id: check.id,
      organisation_id: check.organisation_id,
      job_role_id: check.job_role_id,
      requested_by: check.requested_by,
      sample_size: check.sample_size,
      eligible: check.eligible,
      rubric_changed: check.rubric_changed,
      compared: check.compared,
      failed: check.failed,
      band_changed: check.band_changed,
      mean_absolute_difference: check.mean_absolute_difference,
      created_at: check.created_at,
    })
    .execute();
  if (results.length === 0) return;
  await db
    .insertInto('scoring_consistency_results')
    .values(
      results.map((r) => ({
        id: randomUUID(),
        check_id: check.id,
        organisation_id: check.organisation_id,
        interview_id: r.interview_id,
        outcome: r.outcome,
        original_score: r.original_score,
        rescored_score: r.rescored_score,
        original_band: r.original_band,
        rescored_band: r.rescored_band,
        band_changed: r.band_changed,
        absolute_difference: r.absolute_difference,
        model_version: r.model_version,
        error: r.error,
        created_at: check.created_at,
      })),
    )
    .execute();
}

/** A check of the organisation, only when `memberUserId` is one of its members. */
export async function findConsistencyCheck(db: Db, organisationId: string, checkId: string, memberUserId: string): Promise<ConsistencyCheck | null> {
  const row = await db
    .selectFrom('scoring_consistency_checks')
    .selectAll()
    .where('id', '=', checkId)
    .where('organisation_id', '=', organisationId)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('org_users')
          .select('org_users.id')
          .whereRef('org_users.organisation_id', '=', 'scoring_consistency_checks.organisation_id')
          .where('org_users.user_id', '=', memberUserId),
      ),
    )
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    organisation_id: row.organisation_id,
    job_role_id: row.job_role_id,
    requested_by: row.requested_by,
    sample_size: row.sample_size,
    eligible: row.eligible,
    rubric_changed: row.rubric_changed,
    compared: row.compared,
    failed: row.failed,
    band_changed: row.band_changed,
    mean_absolute_difference: readNumber(row.mean_absolute_difference),
    created_at: readTimestamp(row.created_at),
  };
}

function toBand(value: string): ScoreBand {
  const band = SCORE_BANDS.find((b) => b === value);
  if (!band) throw new Error(`scoring_consistency_results holds an unknown band: ${value}`);
  return band;
}

/** The results of a check, in the order of the interviews' ids. */
export async function listConsistencyResults(db: Db, checkId: string): Promise<ConsistencyResult[]> {
  const rows = await db.selectFrom('scoring_consistency_results').selectAll().where('check_id', '=', checkId).orderBy('interview_id').execute();
  return rows.map((row) => ({
    interview_id: row.interview_id,
    outcome: row.outcome === 'failed' ? 'failed' : 'compared',
    original_score: readNumber(row.original_score),
    rescored_score: readNumber(row.rescored_score),
    original_band: toBand(row.original_band),
    rescored_band: row.rescored_band === null ? null : toBand(row.rescored_band),
    band_changed: readBoolean(row.band_changed),
    absolute_difference: readNumber(row.absolute_difference),
    model_version: row.model_version,
    error: row.error,
  }));
}
