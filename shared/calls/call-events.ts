import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/database';
import { claimEvent, findInterviewOfCall, type CallInterview, insertRecording, markCallEnded, markCallStarted, markRecordingRefused, setEventOutcome, type ProcessedEventOutcome } from '../db/repositories/calls';
import { listConsents } from '../db/repositories/consents';
import type { Logger } from '../observability/logger';
import type { GridEvent } from '../runtime/definitions';
import { applyCallControlCallback } from './call-callbacks';
import { expectedIncomingCall, IncomingCallData, type IncomingCallToAnswer } from './incoming-calls';
import { applyParticipantEvent, ParticipantEventData } from './participant-events';

const PREFIX = 'Microsoft.Communication.';
export const CALL_STARTED = `${PREFIX}CallStarted`;
export const CALL_ENDED = `${PREFIX}CallEnded`;
export const RECORDING_FILE_STATUS_UPDATED = `${PREFIX}RecordingFileStatusUpdated`;
const PARTICIPANT_ADDED = `${PREFIX}ParticipantAdded`;
const PARTICIPANT_REMOVED = `${PREFIX}ParticipantRemoved`;
const INCOMING_CALL = `${PREFIX}IncomingCall`;

export const NO_RECORDING_CONSENT = 'The candidate did not consent to recording for this interview.';

/** The fields of ACS's CallStarted/CallEnded event data we use. */
const CallEventData = z.object({
  serverCallId: z.string().min(1).max(1000),
  room: z.object({ id: z.string().min(1).max(200) }).optional(),
});

const RecordingChunk = z.object({
  documentId: z.string().max(200).optional(),
  index: z.number().int().min(0).optional(),
  contentLocation: z.url().max(2000),
  deleteLocation: z.url().max(2000),
});

/** AcsRecordingFileStatusUpdatedEventData; the subject names the server call and the recording. */
const RecordingFileData = z.object({
  recordingStorageInfo: z.object({ recordingChunks: z.array(RecordingChunk).min(1).max(100) }),
  recordingDurationMs: z.number().int().min(0).optional(),
  recordingContentType: z.string().max(100).optional(),
  recordingFormatType: z.string().max(100).optional(),
});
const RECORDING_SUBJECT = /\/serverCallId\/([^/]+)\/recordingId\/([^/]+)$/;

export type CallEventOutcome = ProcessedEventOutcome | 'duplicate';

/** A call whose recording the candidate consented to, to start once the transaction has committed. */
export interface RecordingToStart {
  interviewId: string;
  serverCallId: string;
}

/** What became of the event, and the network work to do once the transaction has committed. */
export interface CallEventResult {
  outcome: CallEventOutcome;
  recordingId?: string;
  startRecording?: RecordingToStart;
  answerCall?: IncomingCallToAnswer;
}

/** The media type of a recording from the event's format (Wav, Mp3, Mp4) and content (Audio, AudioVideo). */
function recordingMediaType(data: z.infer<typeof RecordingFileData>): string {
  const format = data.recordingFormatType?.toLowerCase();
  if (format === 'mp3') return 'audio/mpeg';
  if (format === 'mp4') return data.recordingContentType?.toLowerCase() === 'audio' ? 'audio/mp4' : 'video/mp4';
  return 'audio/wav';
}

function eventTime(event: GridEvent): Date {
  const at = new Date(event.eventTime);
  return Number.isNaN(at.getTime()) ? new Date() : at;
}

/** Interviews that ended normally are completed; anything else when the call ends means it ended early. */
const COMPLETED = 'completed';

/** A call that has not ended, of an interview still running, with nothing recording yet. */
function mayStartRecording(interview: CallInterview): boolean {
  return interview.acs_recording_id === null && (interview.call_state === null || interview.call_state === 'started') && interview.status !== COMPLETED && interview.status !== 'cancelled';
}

async function applyCallEvent(trx: Db, event: GridEvent, data: z.infer<typeof CallEventData>, log: Logger): Promise<Decision> {
  const interview = await findInterviewOfCall(trx, { roomId: data.room?.id ?? null, serverCallId: data.serverCallId });
  if (!interview) {
    log.info('call event for no interview', { eventId: event.id, eventType: event.eventType });
    return { outcome: 'ignored' };
  }
  const at = eventTime(event);
  // The call staff placed moves its connection as its callbacks would; only the interview's own call moves call_state.
  if (interview.staff_call_connection_id) {
    await applyCallControlCallback(trx, interview.id, interview.staff_call_connection_id, event.eventType === CALL_ENDED ? 'CallDisconnected' : 'CallConnected', {}, at);
  }
  if (!interview.is_interview_call) return { outcome: 'processed' };
  if (event.eventType === CALL_ENDED) {
    await markCallEnded(trx, interview.id, interview.status === COMPLETED ? 'ended' : 'ended_early', at);
    return { outcome: 'processed' };
  }
  await markCallStarted(trx, interview.id, data.serverCallId, at);
  const consents = await listConsents(trx, interview.id);
  // Recording needs the candidate's consent for this interview, checked here on the server; without it the reason is kept.
  if (!consents.some((c) => c.kind === 'recording')) {
    await markRecordingRefused(trx, interview.id, NO_RECORDING_CONSENT);
    return { outcome: 'processed' };
  }
  if (!mayStartRecording(interview)) return { outcome: 'processed' };
  return { outcome: 'processed', startRecording: { interviewId: interview.id, serverCallId: data.serverCallId } };
}

async function applyRecordingFile(trx: Db, event: GridEvent, data: z.infer<typeof RecordingFileData>, log: Logger): Promise<Decision> {
  const [, serverCallId, recordingId] = RECORDING_SUBJECT.exec(event.subject) ?? [];
  if (!serverCallId || !recordingId) {
    log.warn('recording event rejected: subject names no server call and recording', { eventId: event.id });
    return { outcome: 'rejected' };
  }
  const interview = await findInterviewOfCall(trx, { roomId: null, serverCallId: decodeURIComponent(serverCallId) });
  if (!interview) {
    log.info('recording of no interview', { eventId: event.id, recordingId });
    return { outcome: 'ignored' };
  }
  const chunks = [...data.recordingStorageInfo.recordingChunks].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  const [first] = chunks;
  if (!first) return { outcome: 'rejected' };
  const inserted = await insertRecording(
    trx,
    {
      id: randomUUID(),
      interview_id: interview.id,
      recording_id: recordingId,
      content_location: first.contentLocation,
      delete_location: first.deleteLocation,
      content_type: recordingMediaType(data),
      chunk_count: chunks.length,
      duration_ms: data.recordingDurationMs ?? null,
    },
    eventTime(event),
  );
  return inserted ? { outcome: 'processed', recordingId } : { outcome: 'processed' };
}

type Decision = Omit<CallEventResult, 'outcome'> & { outcome: ProcessedEventOutcome };

/**
 * One Communication Services event from Event Grid, applied once by its id: the claim and the change commit
 * together, so a failure leaves the event unclaimed for Event Grid's retry and a redelivery changes nothing.
 * Events arrive out of order: CallEnded before CallStarted still ends the call. Unknown types are acknowledged,
 * and an event whose data is malformed is rejected alone (logged, kept as rejected, never retried). A new
 * recording comes back for the caller to announce after the commit, and an incoming call the interview expects
 * for the caller to answer.
 */
export async function processCallEvent(db: Db, event: GridEvent, log: Logger, now = new Date()): Promise<CallEventResult> {
  return db.transaction().execute(async (trx): Promise<CallEventResult> => {
    const eventType = event.eventType.slice(0, 200);
    if (!(await claimEvent(trx, { event_id: event.id, event_type: eventType, outcome: 'processed' }, now))) return { outcome: 'duplicate' };
    const decision = await decide(trx, event, log);
    if (decision.outcome !== 'processed') await setEventOutcome(trx, event.id, decision.outcome);
    return decision;
  });
}

async function decide(trx: Db, event: GridEvent, log: Logger): Promise<Decision> {
  if (event.eventType === CALL_STARTED || event.eventType === CALL_ENDED) {
    const parsed = CallEventData.safeParse(event.data);
    if (!parsed.success) return rejected(event, parsed.error, log);
    return applyCallEvent(trx, event, parsed.data, log);
  }
  if (event.eventType === RECORDING_FILE_STATUS_UPDATED) {
    const parsed = RecordingFileData.safeParse(event.data);
    if (!parsed.success) return rejected(event, parsed.error, log);
    return applyRecordingFile(trx, event, parsed.data, log);
  }
  if (event.eventType === PARTICIPANT_ADDED || event.eventType === PARTICIPANT_REMOVED) {
    const parsed = ParticipantEventData.safeParse(event.data);
    if (!parsed.success) return rejected(event, parsed.error, log);
    return { outcome: await applyParticipantEvent(trx, parsed.data, event.eventType === PARTICIPANT_ADDED, eventTime(event)) };
  }
  if (event.eventType === INCOMING_CALL) {
    const parsed = IncomingCallData.safeParse(event.data);
    if (!parsed.success) return rejected(event, parsed.error, log);
    const expected = await expectedIncomingCall(trx, parsed.data, new Date());
    if ('answer' in expected) return { outcome: 'processed', answerCall: expected.answer };
    log.info('incoming call ignored', { eventId: event.id, reason: expected.ignored });
    return { outcome: 'ignored' };
  }
  log.info('call event acknowledged: type not handled', { eventId: event.id, eventType: event.eventType });
  return { outcome: 'ignored' };
}

function rejected(event: GridEvent, error: z.ZodError, log: Logger): Decision {
  log.warn('call event rejected: invalid data', { eventId: event.id, eventType: event.eventType, problems: error.issues.map((i) => i.path.join('.') || '(data)').join(', ') });
  return { outcome: 'rejected' };
}
