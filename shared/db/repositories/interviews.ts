import type { Selectable } from 'kysely';
import type { Db } from '../database';
import type { InterviewScoresTable, InterviewsTable } from '../schema';
import { readJson, readNullableTimestamp, readNumber, readTimestamp, readBoolean } from '../values';
import type {
  InterviewScore,
  InterviewSummary,
  ScoreDimension,
  StaffInterview,
  TranscriptSegment,
} from '../../domain/interview';
import type { AntiCheatSignal } from '../../domain/interview-signals';
import { CALL_STATES } from '../../domain/value-sets';
import { isApplicationParty, selectInterviewWithOwner } from '../scoping';

/** Who may see an interview: members of the role's organisation, or the candidate it belongs to. */
export interface InterviewAccess {
  interview: StaffInterview;
  organisation_id: string;
  candidate_id: string;
}

function toSummary(row: Selectable<InterviewsTable>): InterviewSummary {
  return {
    id: row.id,
    application_id: row.application_id,
    status: row.status,
    started_at: readNullableTimestamp(row.started_at),
    ended_at: readNullableTimestamp(row.ended_at),
    duration_seconds: readNumber(row.duration_seconds),
    created_at: readTimestamp(row.created_at),
    updated_at: readTimestamp(row.updated_at),
  };
}

/**
 * Loads an interview only if the user is a member of its organisation or is its candidate: the scoping is part
 * of the query, so an interview of another organisation is simply not found.
 */
export async function findInterviewForUser(db: Db, interviewId: string, userId: string): Promise<InterviewAccess | null> {
  const row = await selectInterviewWithOwner(db)
    .selectAll('interviews')
    .select(['job_roles.organisation_id', 'applications.candidate_id'])
    .where('interviews.id', '=', interviewId)
    .where(isApplicationParty(userId))
    .executeTakeFirst();
  if (!row) return null;
  return {
    interview: {
      ...toSummary(row),
      has_recording: row.recording_url !== null && row.recording_deleted_at === null,
      anti_cheat_signals: readJson<AntiCheatSignal[]>(row.anti_cheat_signals) ?? [],
      call_state: CALL_STATES.find((state) => state === row.call_state) ?? null,
      call_started_at: readNullableTimestamp(row.call_started_at),
      call_ended_at: readNullableTimestamp(row.call_ended_at),
      recording_refused_reason: row.recording_refused_reason,
    },
    organisation_id: row.organisation_id,
    candidate_id: row.candidate_id,
  };
}

/** The interviews of one application, scoped like findInterviewForUser. */
export async function listInterviewsOfApplicationForUser(db: Db, applicationId: string, userId: string) {
  const application = await db
    .selectFrom('applications')
    .innerJoin('job_roles', 'job_roles.id', 'applications.job_role_id')
    .select(['applications.id', 'applications.candidate_id', 'job_roles.organisation_id'])
    .where('applications.id', '=', applicationId)
    .where(isApplicationParty(userId))
    .executeTakeFirst();
  if (!application) return null;
  const rows = await db
    .selectFrom('interviews')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return { organisation_id: application.organisation_id, candidate_id: application.candidate_id, interviews: rows.map(toSummary) };
}

/** What a transcript segment row gives a reader; `toTranscriptSegment` reads it (also from a JSON array of them). */
export const TRANSCRIPT_COLUMNS = ['id', 'speaker', 'content', 'start_time_ms', 'end_time_ms', 'confidence', 'client_turn_id', 'is_partial'] as const;

export function toTranscriptSegment(r: {
  id: string;
  speaker: string;
  content: string;
  start_time_ms: number;
  end_time_ms: number | string | null;
  confidence: number | string | null;
  client_turn_id: string | null;
  is_partial: boolean | number;
}): TranscriptSegment {
  return {
    id: r.id,
    speaker: r.speaker as TranscriptSegment['speaker'],
    content: r.content,
    start_time_ms: r.start_time_ms,
    end_time_ms: readNumber(r.end_time_ms),
    confidence: readNumber(r.confidence),
    client_turn_id: r.client_turn_id,
    is_partial: readBoolean(r.is_partial),
  };
}

/** The one reader of an interview's transcript, in spoken order, cut-off replies included and marked. */
export async function listTranscript(db: Db, interviewId: string): Promise<TranscriptSegment[]> {
  const rows = await db.selectFrom('transcript_segments').select(TRANSCRIPT_COLUMNS).where('interview_id', '=', interviewId).orderBy('start_time_ms').orderBy('created_at').execute();
  return rows.map(toTranscriptSegment);
}

function toScore(row: Selectable<InterviewScoresTable>, dimensions: ScoreDimension[]): InterviewScore {
  const overridden = readBoolean(row.human_override) && row.human_override_score !== null;
  const aiScore = readNumber(row.overall_score);
  return {
    overall_score: aiScore,
    effective_score: overridden ? readNumber(row.human_override_score) : aiScore,
    narrative_summary: row.narrative_summary,
    candidate_feedback: row.candidate_feedback,
    anti_cheat_risk_level: row.anti_cheat_risk_level,
    anti_cheat_notes: row.anti_cheat_notes,
    scored_by: row.scored_by,
    model_version: row.model_version,
    prompt_version: row.prompt_version,
    rubric_version: row.rubric_version,
    human_override: overridden
      ? {
          overall_score: readNumber(row.human_override_score) as number,
          reason: row.human_override_reason ?? '',
          by: row.human_override_by ?? '',
          at: readNullableTimestamp(row.human_override_at) ?? '',
        }
      : null,
    dimensions,
    version: row.version,
    created_at: readTimestamp(row.created_at),
    updated_at: readTimestamp(row.updated_at),
  };
}

export async function findScore(db: Db, interviewId: string): Promise<InterviewScore | null> {
  return (await findScores(db, [interviewId])).get(interviewId) ?? null;
}

/** The scores of these interviews with their dimensions, in two queries whatever their number. */
async function findScores(db: Db, interviewIds: string[]): Promise<Map<string, InterviewScore>> {
  if (interviewIds.length === 0) return new Map();
  const rows = await db.selectFrom('interview_scores').selectAll().where('interview_id', 'in', interviewIds).execute();
  const dimensions = await db
    .selectFrom('score_dimensions')
    .select(['interview_id', 'dimension', 'score', 'weight', 'evidence', 'cited_quotes'])
    .where('interview_id', 'in', interviewIds)
    .orderBy('interview_id')
    .orderBy('dimension')
    .execute();
  return new Map(
    rows.map((row) => [
      row.interview_id,
      toScore(
        row,
        dimensions
          .filter((d) => d.interview_id === row.interview_id)
          .map((d) => ({ dimension: d.dimension, score: Number(d.score), weight: Number(d.weight), evidence: d.evidence, cited_quotes: readJson<string[]>(d.cited_quotes) ?? [] })),
      ),
    ]),
  );
}

/** Each application's latest interview (newest created) with its score, in three queries for the whole page. */
export async function findLatestInterviews(db: Db, applicationIds: string[]): Promise<Map<string, { interview: InterviewSummary; score: InterviewScore | null }>> {
  if (applicationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('interviews')
    .selectAll()
    .where('application_id', 'in', applicationIds)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const latest = new Map<string, InterviewSummary>();
  for (const row of rows) if (!latest.has(row.application_id)) latest.set(row.application_id, toSummary(row));
  const scores = await findScores(db, [...latest.values()].map((i) => i.id));
  return new Map([...latest].map(([applicationId, interview]) => [applicationId, { interview, score: scores.get(interview.id) ?? null }]));
}

export interface ScoreOverride {
  interview_id: string;
  expected_version: number;
  overall_score: number;
  reason: string;
  by: string;
  at: Date;
}

/** Records a human override beside the AI's score; false when the version no longer matches. */
export async function overrideScore(db: Db, override: ScoreOverride): Promise<boolean> {
  const result = await db
    .updateTable('interview_scores')
    .set((eb) => ({
      human_override: true,
      human_override_score: override.overall_score,
      human_override_reason: override.reason,
      human_override_by: override.by,
      human_override_at: override.at,
      updated_at: override.at,
      version: eb('version', '+', 1),
    }))
    .where('interview_id', '=', override.interview_id)
    .where('version', '=', override.expected_version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
