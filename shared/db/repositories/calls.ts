import type { Db } from '../database';
import { firstRows } from '../dialect';
import { isUniqueViolation } from '../errors';
import { readNullableTimestamp, readTimestamp } from '../values';

export type ProcessedEventOutcome = 'processed' | 'ignored' | 'rejected';

/**
 * Claims an Event Grid event by its id. False when it was already processed (Event Grid delivers at least once).
 * Called inside the transaction that applies the event, so a failure releases the claim for the retry.
 */
export async function claimEvent(db: Db, event: { event_id: string; event_type: string; outcome: ProcessedEventOutcome }, now: Date): Promise<boolean> {
  try {
    await db.insertInto('processed_events').values({ ...event, processed_at: now }).execute();
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export async function setEventOutcome(db: Db, eventId: string, outcome: ProcessedEventOutcome): Promise<void> {
  await db.updateTable('processed_events').set({ outcome }).where('event_id', '=', eventId).execute();
}

export interface CallInterview {
  id: string;
  status: string;
  call_state: string | null;
  acs_recording_id: string | null;
  /** The event's call is the interview's own: its room, or the server call id its first call kept. */
  is_interview_call: boolean;
  /** The call connection staff placed (or the server answered) when the event's call is that call, else null. */
  staff_call_connection_id: string | null;
  /** Whether the interview has a staff-placed or answered call at all (its participants are that call's). */
  has_staff_call: boolean;
}

/**
 * The interview of a call and which of its calls it is: by its room (rooms calls), by the server call id its first
 * call kept, or by the server call id of the call staff placed (kept when it was placed or connected).
 */
export async function findInterviewOfCall(db: Db, call: { roomId: string | null; serverCallId: string | null }): Promise<CallInterview | null> {
  const { roomId, serverCallId } = call;
  if (!roomId && !serverCallId) return null;
  const row = await db
    .selectFrom('interviews')
    .select(['id', 'status', 'call_state', 'acs_recording_id', 'acs_room_id', 'acs_server_call_id', 'acs_call_connection_id', 'acs_call_server_call_id'])
    .where((eb) =>
      eb.or([
        roomId ? eb('acs_room_id', '=', roomId) : eb('acs_server_call_id', '=', serverCallId),
        ...(serverCallId ? [eb('acs_call_server_call_id', '=', serverCallId)] : []),
      ]),
    )
    .executeTakeFirst();
  if (!row) return null;
  const isStaffCall = serverCallId !== null && row.acs_call_server_call_id === serverCallId;
  return {
    id: row.id,
    status: row.status,
    call_state: row.call_state,
    acs_recording_id: row.acs_recording_id,
    is_interview_call: roomId ? row.acs_room_id === roomId : row.acs_server_call_id === serverCallId,
    staff_call_connection_id: isStaffCall ? row.acs_call_connection_id : null,
    has_staff_call: row.acs_call_connection_id !== null,
  };
}

/**
 * The call started. Never moves an ended call back: when CallEnded came first the start time is still kept.
 */
export async function markCallStarted(db: Db, interviewId: string, serverCallId: string, at: Date): Promise<void> {
  await db
    .updateTable('interviews')
    .set({ acs_server_call_id: serverCallId, call_started_at: at, updated_at: at })
    .where('id', '=', interviewId)
    .where('call_started_at', 'is', null)
    .execute();
  await db.updateTable('interviews').set({ call_state: 'started' }).where('id', '=', interviewId).where('call_state', 'is', null).execute();
}

/** The call ended: `ended`, or `ended_early` while the interview was not completed, so the recruiter sees it. */
export async function markCallEnded(db: Db, interviewId: string, state: 'ended' | 'ended_early', at: Date): Promise<void> {
  await db
    .updateTable('interviews')
    .set({ call_state: state, call_ended_at: at, updated_at: at })
    .where('id', '=', interviewId)
    .where((eb) => eb.or([eb('call_state', 'is', null), eb('call_state', '=', 'started')]))
    .execute();
}

export async function markRecordingRefused(db: Db, interviewId: string, reason: string): Promise<void> {
  await db.updateTable('interviews').set({ recording_refused_reason: reason }).where('id', '=', interviewId).execute();
}

/** A recording ACS reported as ready: kept once by its recording id, then downloaded by the recordings pipeline. */
export async function insertRecording(
  db: Db,
  recording: { id: string; interview_id: string; recording_id: string; content_location: string; delete_location: string; content_type: string | null; chunk_count: number; duration_ms: number | null },
  now: Date,
): Promise<boolean> {
  try {
    await db.insertInto('recordings').values({ ...recording, created_at: now, updated_at: now }).execute();
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export interface RecordingToStore {
  id: string;
  interview_id: string;
  recording_id: string;
  content_location: string;
  delete_location: string;
  content_type: string | null;
  attempts: number;
  /** Already in Blob Storage: only the delete from ACS is left. */
  stored: boolean;
}

/**
 * Takes a recording still in ACS for download (or for its delete when stored already). Null when none is left or
 * another worker is downloading it: a download counts as abandoned once it has not moved since `staleBefore`.
 * One conditional update, so two deliveries of one message never download at the same time.
 */
export async function claimRecordingDownload(db: Db, recordingId: string, now: Date, staleBefore: Date): Promise<RecordingToStore | null> {
  const row = await db
    .selectFrom('recordings')
    .select(['id', 'interview_id', 'recording_id', 'content_location', 'delete_location', 'content_type', 'attempts', 'state', 'updated_at'])
    .where('recording_id', '=', recordingId)
    .where('state', 'in', ['recording', 'downloading', 'failed', 'stored'])
    .executeTakeFirst();
  if (!row?.content_location || !row.delete_location) return null;
  if (row.state === 'downloading' && readTimestamp(row.updated_at) > staleBefore.toISOString()) return null;
  const { state } = row;
  const found = {
    id: row.id,
    interview_id: row.interview_id,
    recording_id: row.recording_id,
    content_type: row.content_type,
    attempts: row.attempts,
    content_location: row.content_location,
    delete_location: row.delete_location,
  };
  if (state === 'stored') return { ...found, stored: true };
  const attempts = row.attempts + 1;
  const taken = await db
    .updateTable('recordings')
    .set({ state: 'downloading', attempts, updated_at: now })
    .where('id', '=', row.id)
    .where('state', '=', state)
    .where('attempts', '=', row.attempts)
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1 ? { ...found, attempts, stored: false } : null;
}

/**
 * Recordings whose queue message was lost: never taken, a download abandoned, a delete from ACS not done, or a
 * failure with attempts left whose retry never came; each untouched since `before`. Oldest first.
 */
export async function listLostRecordings(db: Db, before: Date, maxAttempts: number, limit: number): Promise<string[]> {
  const query = db
    .selectFrom('recordings')
    .select('recording_id')
    .where('updated_at', '<', before)
    .where((eb) => eb.or([eb('state', 'in', ['recording', 'downloading', 'stored']), eb.and([eb('state', '=', 'failed'), eb('attempts', '<', maxAttempts)])]))
    .orderBy('updated_at');
  const rows = await firstRows(db, query, limit).execute();
  return rows.map((r) => r.recording_id);
}

export async function markRecordingStored(db: Db, id: string, stored: { blob_path: string; size_bytes: number; content_type: string }, now: Date): Promise<void> {
  await db.updateTable('recordings').set({ ...stored, state: 'stored', last_error: null, updated_at: now }).where('id', '=', id).execute();
}

export async function markRecordingDeletedFromAcs(db: Db, id: string, now: Date): Promise<void> {
  await db.updateTable('recordings').set({ state: 'deleted', updated_at: now }).where('id', '=', id).where('state', '=', 'stored').execute();
}

export async function markRecordingFailed(db: Db, id: string, lastError: string, now: Date): Promise<void> {
  await db.updateTable('recordings').set({ state: 'failed', last_error: lastError.slice(0, 500), updated_at: now }).where('id', '=', id).execute();
}

export interface InterviewRoom {
  status: string;
  acs_room_id: string | null;
  acs_room_valid_until: string | null;
}

export async function findInterviewRoom(db: Db, interviewId: string): Promise<InterviewRoom | null> {
  const row = await db.selectFrom('interviews').select(['status', 'acs_room_id', 'acs_room_valid_until']).where('id', '=', interviewId).executeTakeFirst();
  if (!row) return null;
  return { status: row.status, acs_room_id: row.acs_room_id, acs_room_valid_until: readNullableTimestamp(row.acs_room_valid_until) };
}

/** Keeps a new room on the interview; false when another request kept one first (its room is the interview's). */
export async function claimInterviewRoom(db: Db, interviewId: string, room: { id: string; validUntil: Date }, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('interviews')
    .set({ acs_room_id: room.id, acs_room_valid_until: room.validUntil, updated_at: now })
    .where('id', '=', interviewId)
    .where('acs_room_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function extendInterviewRoom(db: Db, interviewId: string, room: { id: string; validUntil: Date }, now: Date): Promise<void> {
  await db
    .updateTable('interviews')
    .set({ acs_room_valid_until: room.validUntil, updated_at: now })
    .where('id', '=', interviewId)
    .where('acs_room_id', '=', room.id)
    .execute();
}

export interface InterviewRecording {
  id: string;
  state: string;
  content_type: string | null;
  size_bytes: number | null;
  duration_ms: number | null;
  blob_path: string | null;
  created_at: string;
}

/**
 * Every recording of an interview, oldest first, with where it is stored in Blob; none once the retention job or
 * a deletion request removed the interview's recordings.
 */
export async function listInterviewRecordings(db: Db, interviewId: string): Promise<InterviewRecording[]> {
  const rows = await db
    .selectFrom('recordings')
    .innerJoin('interviews', 'interviews.id', 'recordings.interview_id')
    .select(['recordings.id', 'recordings.state', 'recordings.content_type', 'recordings.size_bytes', 'recordings.duration_ms', 'recordings.blob_path', 'recordings.created_at'])
    .where('recordings.interview_id', '=', interviewId)
    .where('interviews.recording_deleted_at', 'is', null)
    .orderBy('recordings.created_at')
    .orderBy('recordings.id')
    .execute();
  return rows.map((r) => ({
    ...r,
    size_bytes: r.size_bytes === null ? null : Number(r.size_bytes),
    duration_ms: r.duration_ms === null ? null : Number(r.duration_ms),
    created_at: readTimestamp(r.created_at),
  }));
}

export type RecordingState = 'active' | 'paused' | 'stopped';

export interface InterviewRecordingControl {
  organisation_id: string;
  status: string;
  acs_recording_id: string | null;
  recording_state: string | null;
}

/** The recording the server started for an interview's call, with the interview's organisation (staff controls). */
export async function findRecordingControl(db: Db, interviewId: string): Promise<InterviewRecordingControl | null> {
  const row = await db
    .selectFrom('interviews')
    .innerJoin('applications', 'applications.id', 'interviews.application_id')
    .innerJoin('job_roles', 'job_roles.id', 'applications.job_role_id')
    .select(['job_roles.organisation_id', 'interviews.status', 'interviews.acs_recording_id', 'interviews.recording_state'])
    .where('interviews.id', '=', interviewId)
    .executeTakeFirst();
  return row ?? null;
}

/** Keeps the recording started for the call; false when one is already kept (a second start is stopped again). */
export async function markRecordingStarted(db: Db, interviewId: string, recordingId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('interviews')
    .set({ acs_recording_id: recordingId, recording_state: 'active', recording_refused_reason: null, updated_at: now })
    .where('id', '=', interviewId)
    .where('acs_recording_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Moves the kept recording from one of `from` to `to`; false when it was not in one of them any more. */
export async function moveRecordingState(db: Db, interviewId: string, recordingId: string, from: RecordingState[], to: RecordingState, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('interviews')
    .set({ recording_state: to, updated_at: now })
    .where('id', '=', interviewId)
    .where('acs_recording_id', '=', recordingId)
    .where('recording_state', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
