import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../database';
import type { Database } from '../schema';
import type { CandidateDeiFields } from '../../domain/candidate-dei';
import { readTimestamp } from '../values';

/** What the fairness report needs of one application: its DEI answers stay inside the service, never in a response. */
export interface FairnessSubject extends CandidateDeiFields {
  application_id: string;
  job_role_id: string;
  status: string;
  /** The shortlist's match score, or null when the application was never ranked. */
  match_score: number | null;
  invited: boolean;
  interviewed: boolean;
}

/** The AI score of a completed interview of an application, and the human override if there is one. */
export interface FairnessScore {
  application_id: string;
  overall_score: number;
  human_override_score: number | null;
  scored_at: string;
}

export interface FairnessScope {
  organisationId: string;
  /** Only this role's applications; null for the whole organisation. */
  jobRoleId: string | null;
  from: Date;
  to: Date;
  /** Rows come back only when this user is an admin of the organisation (checked in the query). */
  adminUserId: string;
}

function isAdmin(adminUserId: string) {
  return ({ exists, selectFrom }: ExpressionBuilder<Database, 'job_roles'>) =>
    exists(
      selectFrom('org_users')
        .select('org_users.id')
        .whereRef('org_users.organisation_id', '=', 'job_roles.organisation_id')
        .where('org_users.user_id', '=', adminUserId)
        .where('org_users.role', '=', 'admin'),
    );
}

/**
 * The applications of the organisation (or one role) made in [from, to), with the stage facts the report counts.
 * Runs in platform scope (row-level security shows a user only their own DEI row); the query itself returns rows
 * only to an admin of the organisation.
 */
export async function listFairnessSubjects(db: Db, scope: FairnessScope): Promise<FairnessSubject[]> {
  let query = db
    .selectFrom('applications')
    .innerJoin('job_roles', 'job_roles.id', 'applications.job_role_id')
    .leftJoin('candidate_dei', 'candidate_dei.user_id', 'applications.candidate_id')
    .leftJoin('shortlist_entries', 'shortlist_entries.application_id', 'applications.id')
    .select((eb) => [
      'applications.id as application_id',
      'applications.job_role_id',
      'applications.status',
      'shortlist_entries.match_score',
      'candidate_dei.gender',
      'candidate_dei.ethnicity',
      'candidate_dei.disability_status',
      'candidate_dei.veteran_status',
      eb
        .case()
        .when(eb.exists(eb.selectFrom('invitations').select('invitations.id').whereRef('invitations.application_id', '=', 'applications.id')))
        .then(1)
        .else(0)
        .end()
        .as('invited'),
      eb
        .case()
        .when(
          eb.exists(
            eb
              .selectFrom('interviews')
              .select('interviews.id')
              .whereRef('interviews.application_id', '=', 'applications.id')
              .where('interviews.status', '=', 'completed')
              .where('interviews.is_practice', '=', false),
          ),
        )
        .then(1)
        .else(0)
        .end()
        .as('interviewed'),
    ])
    .where('job_roles.organisation_id', '=', scope.organisationId)
    .where('applications.created_at', '>=', scope.from)
    .where('applications.created_at', '<', scope.to)
    .where(isAdmin(scope.adminUserId));
  if (scope.jobRoleId !== null) query = query.where('applications.job_role_id', '=', scope.jobRoleId);
  const rows = await query.orderBy('applications.id').execute();
  return rows.map((row) => ({
    application_id: row.application_id,
    job_role_id: row.job_role_id,
    status: row.status,
    match_score: row.match_score === null ? null : Number(row.match_score),
    gender: row.gender,
    ethnicity: row.ethnicity,
    disability_status: row.disability_status,
    veteran_status: row.veteran_status,
    invited: Number(row.invited) === 1,
    interviewed: Number(row.interviewed) === 1,
  }));
}

/** AI scores (and overrides) of the completed, non-practice interviews of the same applications. */
export async function listFairnessScores(db: Db, scope: FairnessScope): Promise<FairnessScore[]> {
  let query = db
    .selectFrom('interview_scores')
    .innerJoin('interviews', 'interviews.id', 'interview_scores.interview_id')
    .innerJoin('applications', 'applications.id', 'interviews.application_id')
    .innerJoin('job_roles', 'job_roles.id', 'applications.job_role_id')
    .select([
      'applications.id as application_id',
      'interview_scores.overall_score',
      'interview_scores.human_override_score',
      'interview_scores.created_at',
    ])
    .where('interviews.status', '=', 'completed')
    .where('interviews.is_practice', '=', false)
    .where('interview_scores.overall_score', 'is not', null)
    .where('job_roles.organisation_id', '=', scope.organisationId)
    .where('applications.created_at', '>=', scope.from)
    .where('applications.created_at', '<', scope.to)
    .where(isAdmin(scope.adminUserId));
  if (scope.jobRoleId !== null) query = query.where('applications.job_role_id', '=', scope.jobRoleId);
  const rows = await query.orderBy('interview_scores.created_at').orderBy('interview_scores.id').execute();
  return rows.flatMap((row) =>
    row.overall_score === null
      ? []
      : [{
          application_id: row.application_id,
          overall_score: Number(row.overall_score),
          human_override_score: row.human_override_score === null ? null : Number(row.human_override_score),
          scored_at: readTimestamp(row.created_at),
        }],
  );
}
