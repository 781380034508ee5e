import type { Caller } from '../../auth/caller';
import { interviewRecordings, type InterviewRecordings } from '../../calls/recording-playback';
import type { AuditContext } from '../../candidates/audit-context';
import type { DbScope } from '../../db/scopes';
import type { InterviewScore, StaffInterview, TranscriptSegment } from '../../domain/interview';
import { NotFoundError } from '../../errors';
import type { BlobStorage } from '../../storage/blob-storage';
import { readInterview } from './interview-review';

/** What the report page shows above the transcript. */
export interface TranscriptSummary {
  question_count: number;
  answer_count: number;
  candidate_word_count: number;
  /** From the first segment's start to the last segment's end (or start). */
  span_ms: number;
}

export interface InterviewReport {
  interview: StaffInterview;
  score: InterviewScore | null;
  transcript_summary: TranscriptSummary;
  transcript: TranscriptSegment[];
  recordings: InterviewRecordings['recordings'];
}

export function summariseTranscript(transcript: readonly TranscriptSegment[]): TranscriptSummary {
  const answers = transcript.filter((segment) => segment.speaker === 'candidate');
  const first = transcript[0];
  const last = transcript.at(-1);
  return {
    question_count: transcript.filter((segment) => segment.speaker === 'ai' && !segment.is_partial).length,
    answer_count: answers.length,
    candidate_word_count: answers.reduce((words, segment) => words + (segment.content.match(/\S+/g)?.length ?? 0), 0),
    span_ms: first && last ? Math.max(0, (last.end_time_ms ?? last.start_time_ms) - first.start_time_ms) : 0,
  };
}

/**
 * The staff report page in one read: the staff view of the interview (audited as interview_viewed) and its
 * recordings with play links, read and audited exactly as playback is (shared/calls/recording-playback.ts). The
 * candidate has their own view (GET /api/interviews/{id}); the report is 404 to them.
 */
export async function readInterviewReport(data: DbScope, storage: BlobStorage, caller: Caller, interviewId: string, context: AuditContext): Promise<InterviewReport> {
  const view = await data.run((db) => readInterview(db, caller, interviewId));
  if (view.audience !== 'staff') throw new NotFoundError('No such interview report.');
  // Links are signed outside any connection: recording-playback reads and audits in its own short transaction.
  const { recordings } = await interviewRecordings(data, storage, caller, interviewId, context);
  return { interview: view.interview, score: view.score, transcript_summary: summariseTranscript(view.transcript), transcript: view.transcript, recordings };
}
