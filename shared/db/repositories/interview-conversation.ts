import { randomUUID } from 'node:crypto';
import type { Db } from '../database';
import { firstRows, jsonRows, readJsonRows } from '../dialect';
import { TRANSCRIPT_COLUMNS, toTranscriptSegment } from './interviews';
import type { TranscriptSegment } from '../../domain/interview';
import { readBoolean, readJson, readNullableTimestamp, readTimestamp } from '../values';
import type { InterviewEndReason } from '../../domain/value-sets';
import type { AntiCheatSignal } from '../../domain/interview-signals';
import { selectInterviewWithOwner } from '../scoping';

/** The interview, its role and organisation, and the plan's position, read in one query. */
export interface ConversationContext {
  interview_id: string;
  application_id: string;
  candidate_id: string;
  organisation_id: string;
  status: string;
  started_at: string | null;
  question_index: number;
  is_practice: boolean;
  competencies_covered: string[];
  anti_cheat_signals: AntiCheatSignal[];
  role_title: string;
  department: string | null;
  role_description: string | null;
  requirements: { skills?: string[]; experience?: string[]; responsibilities?: string[]; interviewQuestions?: string[] } | null;
  interview_structure: { questions?: string[]; duration_minutes?: number } | null;
  company_name: string;
  values_framework: unknown;
}

function selectContext(db: Db) {
  return selectInterviewWithOwner(db)
    .innerJoin('organisations', 'organisations.id', 'job_roles.organisation_id')
    .select([
      'interviews.id as interview_id',
      'interviews.application_id',
      'applications.candidate_id',
      'job_roles.organisation_id',
      'interviews.status',
      'interviews.started_at',
      'interviews.question_index',
      'interviews.is_practice',
      'interviews.competencies_covered',
      'interviews.anti_cheat_signals',
      'job_roles.title as role_title',
      'job_roles.department',
      'job_roles.description as role_description',
      'job_roles.requirements',
      'job_roles.interview_structure',
      'organisations.name as company_name',
      'organisations.values_framework',
    ]);
}

type ContextRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectContext>['executeTakeFirst']>>>;

function toContext(row: ContextRow): ConversationContext {
  return {
    interview_id: row.interview_id,
    application_id: row.application_id,
    candidate_id: row.candidate_id,
    organisation_id: row.organisation_id,
    status: row.status,
    started_at: readNullableTimestamp(row.started_at),
    question_index: row.question_index,
    is_practice: readBoolean(row.is_practice),
    competencies_covered: readJson<string[]>(row.competencies_covered) ?? [],
    anti_cheat_signals: readJson<AntiCheatSignal[]>(row.anti_cheat_signals) ?? [],
    role_title: row.role_title,
    department: row.department,
    role_description: row.role_description,
    requirements: readJson(row.requirements),
    interview_structure: readJson(row.interview_structure),
    company_name: row.company_name,
    values_framework: readJson(row.values_framework),
  };
}

export async function findConversationContext(db: Db, interviewId: string): Promise<ConversationContext | null> {
  const row = await selectContext(db).where('interviews.id', '=', interviewId).executeTakeFirst();
  return row ? toContext(row) : null;
}

export interface CandidateBackground {
  skills: string[];
  experience_years: number;
  recent_roles: string[];
}

/** Everything a turn reads before the model is called: context, transcript, consents and background. */
export interface TurnContext {
  context: ConversationContext;
  transcript: TranscriptSegment[];
  consents: Array<{ kind: string; policy_version: string }>;
  background: CandidateBackground;
  /** Whether the session asked about is live: not revoked, not expired (the turn proves its session here). */
  session_live: boolean;
}

/**
 * A turn's reads in one round trip (docs/performance.md): the conversation context with the transcript, the
 * consents and the candidate's de-identified background as JSON arrays beside it.
 */
export async function findTurnContext(db: Db, interviewId: string, session: { id: string; at: Date }): Promise<TurnContext | null> {
  const row = await selectContext(db)
    .select((eb) => [
      jsonRows(db, eb.selectFrom('transcript_segments').select(TRANSCRIPT_COLUMNS).whereRef('transcript_segments.interview_id', '=', 'interviews.id').orderBy('start_time_ms').orderBy('created_at')).as('transcript'),
      jsonRows(db, eb.selectFrom('consents').select(['kind', 'policy_version']).whereRef('consents.interview_id', '=', 'interviews.id').orderBy('kind')).as('consents'),
      jsonRows(db, eb.selectFrom('candidate_skills').select('skill_name').whereRef('candidate_skills.user_id', '=', 'applications.candidate_id').orderBy('created_at')).as('skills'),
      jsonRows(
        db,
        eb.selectFrom('employment_history').select(['job_title', 'start_date', 'end_date', 'is_current']).whereRef('employment_history.user_id', '=', 'applications.candidate_id').orderBy('start_date', 'desc'),
      ).as('jobs'),
      jsonRows(
        db,
        eb
          .selectFrom('interview_sessions')
          .select('interview_sessions.id')
          .where('interview_sessions.id', '=', session.id)
          .whereRef('interview_sessions.interview_id', '=', 'interviews.id')
          .where('interview_sessions.revoked_at', 'is', null)
          .where('interview_sessions.expires_at', '>', session.at)
          .orderBy('interview_sessions.id'),
      ).as('live_session'),
    ])
    .where('interviews.id', '=', interviewId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    context: toContext(row),
    transcript: readJsonRows<Parameters<typeof toTranscriptSegment>[0]>(row.transcript).map(toTranscriptSegment),
    consents: readJsonRows<{ kind: string; policy_version: string }>(row.consents),
    background: backgroundOf(
      readJsonRows<{ skill_name: string }>(row.skills),
      readJsonRows<{ job_title: string; start_date: string; end_date: string | null; is_current: boolean | number }>(row.jobs),
    ),
    session_live: readJsonRows(row.live_session).length > 0,
  };
}

export async function insertSegment(
  db: Db,
  segment: { interview_id: string; speaker: 'ai' | 'candidate'; content: string; start_time_ms: number; end_time_ms?: number | null; client_turn_id: string; is_partial?: boolean; at: Date },
): Promise<void> {
  await db
    .insertInto('transcript_segments')
    .values({
      id: randomUUID(),
      interview_id: segment.interview_id,
      speaker: segment.speaker,
      content: segment.content,
      start_time_ms: segment.start_time_ms,
      end_time_ms: segment.end_time_ms ?? null,
      client_turn_id: segment.client_turn_id,
      is_partial: segment.is_partial ?? false,
      created_at: segment.at,
    })
    .execute();
}

/** A partial reply is replaced when its turn is retried. */
export async function deletePartialReply(db: Db, interviewId: string, clientTurnId: string): Promise<void> {
  await db
    .deleteFrom('transcript_segments')
    .where('interview_id', '=', interviewId)
    .where('speaker', '=', 'ai')
    .where('client_turn_id', '=', clientTurnId)
    .where('is_partial', '=', true)
    .execute();
}

export async function startInterview(db: Db, interviewId: string, at: Date): Promise<void> {
  await db
    .updateTable('interviews')
    .set({ status: 'in_progress', started_at: at, updated_at: at })
    .where('id', '=', interviewId)
    .where('started_at', 'is', null)
    .execute();
}

/** Moves the interview on from `from_question_index`; false when another turn moved it first. */
export async function advanceInterview(
  db: Db,
  interviewId: string,
  progress: { from_question_index: number; question_index: number; competencies_covered: string[]; at: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('interviews')
    .set({ question_index: progress.question_index, competencies_covered: JSON.stringify(progress.competencies_covered), updated_at: progress.at })
    .where('id', '=', interviewId)
    .where('question_index', '=', progress.from_question_index)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Ends a running interview with its reason. `ended` is false when it had already ended (another request or the
 * sweeper got there first); `application_moved` is true when the application went from invited to interviewed.
 */
export async function completeInterview(
  db: Db,
  interviewId: string,
  applicationId: string,
  end: { at: Date; duration_seconds: number; end_reason: InterviewEndReason },
): Promise<{ ended: boolean; application_moved: boolean }> {
  const ended = await db
    .updateTable('interviews')
    .set({ status: 'completed', ended_at: end.at, duration_seconds: end.duration_seconds, end_reason: end.end_reason, updated_at: end.at })
    .where('id', '=', interviewId)
    .where('status', 'not in', ['completed', 'cancelled'])
    .executeTakeFirst();
  if (Number(ended.numUpdatedRows) === 0) return { ended: false, application_moved: false };
  // invited → interviewed is the pipeline's own transition; an application elsewhere in the pipeline stays put.
  const moved = await db
    .updateTable('applications')
    .set((eb) => ({ status: 'interviewed', updated_at: end.at, version: eb('version', '+', 1) }))
    .where('id', '=', applicationId)
    .where('status', '=', 'invited')
    .executeTakeFirst();
  return { ended: true, application_moved: Number(moved.numUpdatedRows) === 1 };
}

export interface InterviewEnding {
  id: string;
  status: 'completed';
  ended_at: string;
  end_reason: InterviewEndReason | null;
  duration_seconds: number | null;
  scoring: 'not_needed' | 'queued' | 'running' | 'done' | 'failed';
}

/** How an ended interview ended and where its scoring stands; null while it has not ended. */
export async function findInterviewEnding(db: Db, interviewId: string): Promise<InterviewEnding | null> {
  const row = await db
    .selectFrom('interviews')
    .select(['id', 'status', 'ended_at', 'end_reason', 'duration_seconds', 'scoring_status'])
    .where('id', '=', interviewId)
    .executeTakeFirst();
  if (!row || row.status !== 'completed' || row.ended_at === null) return null;
  return {
    id: row.id,
    status: 'completed',
    ended_at: readTimestamp(row.ended_at),
    end_reason: row.end_reason as InterviewEndReason | null,
    duration_seconds: row.duration_seconds,
    scoring: (row.scoring_status ?? 'not_needed') as InterviewEnding['scoring'],
  };
}

/** Whether the candidate said anything at all: an interview without a word from them has nothing to score. */
export async function hasCandidateAnswers(db: Db, interviewId: string): Promise<boolean> {
  const row = await firstRows(
    db,
    db.selectFrom('transcript_segments').select('id').where('interview_id', '=', interviewId).where('speaker', '=', 'candidate'),
    1,
  ).executeTakeFirst();
  return row !== undefined;
}

/** Running interviews with no turn since `idleSince` (nor a start after it), oldest first, at most `limit`. */
export async function listAbandonedInterviews(db: Db, idleSince: Date, limit: number): Promise<string[]> {
  const rows = await firstRows(
    db,
    db
      .selectFrom('interviews')
      .select('interviews.id')
      .where('interviews.status', '=', 'in_progress')
      .where('interviews.started_at', '<', idleSince)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('transcript_segments').select('transcript_segments.id').whereRef('transcript_segments.interview_id', '=', 'interviews.id').where('transcript_segments.created_at', '>=', idleSince))),
      )
      .orderBy('interviews.started_at'),
    limit,
  ).execute();
  return rows.map((r) => r.id);
}

/** When the candidate last took a turn (or the interview started): an abandoned interview's length ends there. */
export async function lastTurnAt(db: Db, interviewId: string): Promise<string | null> {
  const row = await db.selectFrom('transcript_segments').select(({ fn }) => fn.max('created_at').as('last')).where('interview_id', '=', interviewId).executeTakeFirst();
  return row?.last ? readTimestamp(row.last) : null;
}

export async function saveSignals(db: Db, interviewId: string, signals: AntiCheatSignal[], at: Date): Promise<void> {
  await db.updateTable('interviews').set({ anti_cheat_signals: JSON.stringify(signals), updated_at: at }).where('id', '=', interviewId).execute();
}

/** A de-identified background for the interviewer: skills, years of experience, recent job titles. Never names. */
function backgroundOf(skills: Array<{ skill_name: string }>, jobs: Array<{ job_title: string; start_date: string; end_date: string | null; is_current: boolean | number }>): CandidateBackground {
  const now = Date.now();
  const months = jobs.reduce((total, job) => {
    const start = new Date(String(job.start_date)).getTime();
    const end = job.end_date && !readBoolean(job.is_current) ? new Date(String(job.end_date)).getTime() : now;
    return total + (Number.isFinite(start) && end > start ? (end - start) / (30.44 * 86_400_000) : 0);
  }, 0);
  return {
    skills: skills.map((s) => s.skill_name).slice(0, 12),
    experience_years: Math.round(months / 12),
    recent_roles: jobs.slice(0, 3).map((j) => j.job_title),
  };
}
