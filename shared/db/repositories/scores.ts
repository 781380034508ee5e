import { randomUUID } from 'node:crypto';
import type { Db } from '../database';
import { firstRows } from '../dialect';
import { olderThan, type CursorPosition } from '../pagination';
import { readJson, readTimestamp } from '../values';
import type { InterviewScore } from '../../domain/interview';
import type { AntiCheatSignal } from '../../domain/interview-signals';
import { normaliseValuesFramework } from '../../domain/organisation-settings';
import type { AiScoreFields, ScoreRevision, ScoringSubject, StoredDimension } from '../../interviews/scoring/score-types';
import { isRoleOrganisationMember, selectInterviewWithOwner } from '../scoping';

const asStrings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/**
 * The interview with its role, organisation values and application, for scoring. With a user id, only when that
 * user is a member of the interview's organisation (scoped in the query); without one, for the platform itself.
 */
export async function findScoringSubject(db: Db, interviewId: string, memberUserId: string | null): Promise<ScoringSubject | null> {
  let query = selectInterviewWithOwner(db)
    .innerJoin('organisations', 'organisations.id', 'job_roles.organisation_id')
    .select([
      'interviews.id as interview_id',
      'interviews.status as interview_status',
      'interviews.anti_cheat_signals',
      'applications.id as application_id',
      'applications.status as application_status',
      'job_roles.organisation_id',
      'job_roles.title',
      'job_roles.description',
      'job_roles.requirements',
      'job_roles.scoring_rubric',
      'organisations.values_framework',
    ])
    .where('interviews.id', '=', interviewId);
  if (memberUserId !== null) {
    query = query.where(isRoleOrganisationMember(memberUserId));
  }
  const row = await query.executeTakeFirst();
  if (!row) return null;
  const requirements = readJson<Record<string, unknown>>(row.requirements) ?? {};
  return {
    interview_id: row.interview_id,
    interview_status: row.interview_status,
    application_id: row.application_id,
    application_status: row.application_status,
    organisation_id: row.organisation_id,
    anti_cheat_signals: readJson<AntiCheatSignal[]>(row.anti_cheat_signals) ?? [],
    role: {
      title: row.title,
      description: row.description,
      skills: asStrings(requirements.skills),
      experience: asStrings(requirements.experience),
      qualifications: asStrings(requirements.qualifications),
      responsibilities: asStrings(requirements.responsibilities),
    },
    scoring_rubric: readJson<unknown>(row.scoring_rubric),
    organisation_values: normaliseValuesFramework(readJson<unknown>(row.values_framework)) ?? [],
  };
}

/** Keeps a score that is about to be replaced, with its dimensions and any human override, as it was. */
export async function insertScoreRevision(db: Db, interviewId: string, snapshot: InterviewScore, at: Date): Promise<void> {
  await db
    .insertInto('interview_score_revisions')
    .values({ id: randomUUID(), interview_id: interviewId, snapshot: JSON.stringify(snapshot), replaced_at: at })
    .execute();
}

export async function insertScore(db: Db, interviewId: string, fields: AiScoreFields, at: Date): Promise<void> {
  await db
    .insertInto('interview_scores')
    .values({ id: randomUUID(), interview_id: interviewId, ...fields, created_at: at, updated_at: at })
    .execute();
}

/**
 * Replaces the AI's fields of a score read at `expectedVersion`; a human override stays, since a person decided
 * it. False when the score changed meanwhile.
 */
export async function replaceScore(db: Db, interviewId: string, expectedVersion: number, fields: AiScoreFields, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('interview_scores')
    .set((eb) => ({ ...fields, updated_at: at, version: eb('version', '+', 1) }))
    .where('interview_id', '=', interviewId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function replaceScoreDimensions(db: Db, interviewId: string, dimensions: readonly StoredDimension[], at: Date): Promise<void> {
  await db.deleteFrom('score_dimensions').where('interview_id', '=', interviewId).execute();
  if (dimensions.length === 0) return;
  await db
    .insertInto('score_dimensions')
    .values(
      dimensions.map((d) => ({
        id: randomUUID(),
        interview_id: interviewId,
        dimension: d.dimension,
        score: d.score,
        weight: d.weight,
        evidence: d.evidence,
        cited_quotes: JSON.stringify(d.cited_quotes),
        created_at: at,
      })),
    )
    .execute();
}

/** A scored interview's application moves to `reviewed`, only from the statuses around an interview. */
export async function markApplicationReviewed(db: Db, applicationId: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('applications')
    .set((eb) => ({ status: 'reviewed', updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', applicationId)
    .where('status', 'in', ['interviewed', 'scoring'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Earlier scores of an interview, newest first; `limit` rows after the cursor. */
export async function listScoreRevisions(db: Db, interviewId: string, after: CursorPosition | null, limit: number): Promise<ScoreRevision[]> {
  let query = db
    .selectFrom('interview_score_revisions')
    .selectAll()
    .where('interview_id', '=', interviewId)
    .orderBy('replaced_at', 'desc')
    .orderBy('id', 'desc');
  if (after) {
    query = query.where(olderThan('replaced_at', 'id', { at: new Date(String(after.value)), id: after.id }));
  }
  const rows = await firstRows(db, query, limit).execute();
  return rows.map((row) => ({
    id: row.id,
    interview_id: row.interview_id,
    replaced_at: readTimestamp(row.replaced_at),
    snapshot: readJson<InterviewScore>(row.snapshot) as InterviewScore,
  }));
}

/** Queues an interview for automatic scoring now; a run in progress is left to finish. False when none queued. */
export async function queueInterviewScoring(db: Db, interviewId: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('interviews')
    .set({ scoring_status: 'queued', scoring_attempts: 0, scoring_next_attempt_at: at, scoring_last_error: null })
    .where('id', '=', interviewId)
    .where((eb) => eb.or([eb('scoring_status', 'is', null), eb('scoring_status', '<>', 'running')]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Interviews whose scoring is due: queued ones, and runs whose lease ran out, oldest first. */
export async function listDueScoring(db: Db, now: Date, maxAttempts: number, limit: number): Promise<string[]> {
  const query = db
    .selectFrom('interviews')
    .select('id')
    .where('scoring_status', 'in', ['queued', 'running'])
    .where('scoring_next_attempt_at', '<=', now)
    .where('scoring_attempts', '<', maxAttempts)
    .orderBy('scoring_next_attempt_at')
    .orderBy('id');
  const rows = await firstRows(db, query, limit).execute();
  return rows.map((r) => r.id);
}

/**
 * Takes one due interview for this worker: a single conditional update, so of two workers exactly one gets it.
 * The lease end is kept in scoring_next_attempt_at; a worker that dies leaves the run claimable after it.
 * Returns the attempt number, or null when another worker has it or it is no longer due.
 */
export async function claimScoring(db: Db, interviewId: string, now: Date, leaseUntil: Date, maxAttempts: number): Promise<number | null> {
  const result = await db
    .updateTable('interviews')
    .set((eb) => ({ scoring_status: 'running', scoring_attempts: eb('scoring_attempts', '+', 1), scoring_next_attempt_at: leaseUntil }))
    .where('id', '=', interviewId)
    .where('scoring_status', 'in', ['queued', 'running'])
    .where('scoring_next_attempt_at', '<=', now)
    .where('scoring_attempts', '<', maxAttempts)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return null;
  const row = await db.selectFrom('interviews').select('scoring_attempts').where('id', '=', interviewId).executeTakeFirst();
  return row ? row.scoring_attempts : null;
}

/** The interview has a current score: nothing left to do for the queue. */
export async function finishScoring(db: Db, interviewId: string): Promise<void> {
  await db
    .updateTable('interviews')
    .set({ scoring_status: 'done', scoring_next_attempt_at: null, scoring_last_error: null })
    .where('id', '=', interviewId)
    .execute();
}

/** A run failed: queued again for `next_attempt_at`, or failed for good when that is null. */
export async function recordScoringFailure(db: Db, interviewId: string, failure: { next_attempt_at: Date | null; last_error: string }): Promise<void> {
  await db
    .updateTable('interviews')
    .set({
      scoring_status: failure.next_attempt_at ? 'queued' : 'failed',
      scoring_next_attempt_at: failure.next_attempt_at,
      scoring_last_error: failure.last_error.slice(0, 500),
    })
    .where('id', '=', interviewId)
    .where('scoring_status', '=', 'running')
    .execute();
}

/** Runs whose worker stopped on the last attempt and whose lease ran out: failed, not left running forever. */
export async function failAbandonedScoring(db: Db, now: Date, maxAttempts: number, lastError: string): Promise<number> {
  const result = await db
    .updateTable('interviews')
    .set({ scoring_status: 'failed', scoring_next_attempt_at: null, scoring_last_error: lastError })
    .where('scoring_status', '=', 'running')
    .where('scoring_next_attempt_at', '<=', now)
    .where('scoring_attempts', '>=', maxAttempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
