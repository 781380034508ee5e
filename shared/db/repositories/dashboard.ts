import { sql } from 'kysely';
import type { Db } from '../database';
import { readNumber } from '../values';

/** The overall-score bands of the dashboard: [lower, upper) on the 0–100 scale, the last one closed at 100. */
export const SCORE_BANDS = [
  { band: '0-20', lower: 0 },
  { band: '20-40', lower: 20 },
  { band: '40-60', lower: 40 },
  { band: '60-80', lower: 60 },
  { band: '80-100', lower: 80 },
] as const;

export interface DashboardCounts {
  active_roles: number;
  applications_by_status: Array<{ status: string; count: number }>;
  /** Per band (null: completed without an overall score): interviews, and the sum of their scores. */
  completed_by_band: Array<{ band: number | null; interviews: number; score_sum: number }>;
}

/**
 * Three grouped queries, whatever the organisation's size: active job roles; applications created in the range by
 * status; completed (non-practice) interviews that ended in the range, by score band, with the scores' sum.
 */
export async function countDashboard(db: Db, organisationId: string, range: { from: Date; to: Date }): Promise<DashboardCounts> {
  const roles = await db
    .selectFrom('job_roles')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'active')
    .executeTakeFirst();

  const applications = await db
    .selectFrom('applications')
    .innerJoin('job_roles', 'job_roles.id', 'applications.job_role_id')
    .select((eb) => ['applications.status', eb.fn.countAll<number>().as('count')])
    .where('job_roles.organisation_id', '=', organisationId)
    .where('applications.created_at', '>=', range.from)
    .where('applications.created_at', '<', range.to)
    .groupBy('applications.status')
    .execute();

  // The band is computed in a derived table so both dialects group by a plain column.
  const [, ...upper] = SCORE_BANDS;
  const bandOf = upper.reduceRight<ReturnType<typeof sql<number | null>>>(
    (otherwise, band, index) => sql<number | null>`case when interview_scores.overall_score < ${sql.lit(band.lower)} then ${sql.lit(index)} else ${otherwise} end`,
    sql<number | null>`case when interview_scores.overall_score is null then null else ${sql.lit(SCORE_BANDS.length - 1)} end`,
  );
  const scored = db
    .selectFrom('interviews')
    .innerJoin('applications', 'applications.id', 'interviews.application_id')
    .innerJoin('job_roles', 'job_roles.id', 'applications.job_role_id')
    .leftJoin('interview_scores', 'interview_scores.interview_id', 'interviews.id')
    .select([bandOf.as('band'), 'interview_scores.overall_score as score'])
    .where('job_roles.organisation_id', '=', organisationId)
    .where('interviews.status', '=', 'completed')
    .where('interviews.is_practice', '=', false)
    .where('interviews.ended_at', '>=', range.from)
    .where('interviews.ended_at', '<', range.to)
    .as('scored');
  const bands = await db
    .selectFrom(scored)
    .select((eb) => ['scored.band', eb.fn.countAll<number>().as('interviews'), eb.fn.sum<number | string | null>('scored.score').as('score_sum')])
    .groupBy('scored.band')
    .execute();

  return {
    active_roles: Number(roles?.count ?? 0),
    applications_by_status: applications.map((row) => ({ status: row.status, count: Number(row.count) })),
    completed_by_band: bands.map((row) => ({ band: readNumber(row.band), interviews: Number(row.interviews), score_sum: readNumber(row.score_sum) ?? 0 })),
  };
}
