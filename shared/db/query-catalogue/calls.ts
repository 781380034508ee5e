import {
  claimEvent,
  claimInterviewRoom,
  extendInterviewRoom,
  findInterviewRoom,
  findRecordingControl,
  markRecordingStarted,
  moveRecordingState,
  claimRecordingDownload,
  findInterviewOfCall,
  insertRecording,
  listInterviewRecordings,
  listLostRecordings,
  markCallEnded,
  markCallStarted,
  markRecordingDeletedFromAcs,
  markRecordingFailed,
  markRecordingRefused,
  markRecordingStored,
  setEventOutcome,
} from '../repositories/calls';
import { CATALOGUE_UUID as uuid, type QueryOperations } from './operations';

const at = new Date(0);

/** Communication Services call events and recordings. */
export const callsQueries: QueryOperations = {
  claimEvent: (db) => claimEvent(db, { event_id: 'e', event_type: 't', outcome: 'processed' }, at),
  setEventOutcome: (db) => setEventOutcome(db, 'e', 'ignored'),
  findInterviewOfCallByRoom: (db) => findInterviewOfCall(db, { roomId: 'r', serverCallId: null }),
  findInterviewOfCallByServerCall: (db) => findInterviewOfCall(db, { roomId: null, serverCallId: 's' }),
  markCallStarted: (db) => markCallStarted(db, uuid, 's', at),
  markCallEnded: (db) => markCallEnded(db, uuid, 'ended_early', at),
  markRecordingRefused: (db) => markRecordingRefused(db, uuid, 'r'),
  insertRecording: (db) =>
    insertRecording(db, { id: uuid, interview_id: uuid, recording_id: 'r', content_location: 'c', delete_location: 'd', content_type: 'audio/wav', chunk_count: 1, duration_ms: 1 }, at),
  claimRecordingDownload: (db) => claimRecordingDownload(db, 'r', at, at),
  listLostRecordings: (db) => listLostRecordings(db, at, 8, 100),
  markRecordingStored: (db) => markRecordingStored(db, uuid, { blob_path: 'p', size_bytes: 1, content_type: 'audio/wav' }, at),
  markRecordingDeletedFromAcs: (db) => markRecordingDeletedFromAcs(db, uuid, at),
  markRecordingFailed: (db) => markRecordingFailed(db, uuid, 'e', at),
  listInterviewRecordings: (db) => listInterviewRecordings(db, uuid),
  findRecordingControl: (db) => findRecordingControl(db, uuid),
  markRecordingStarted: (db) => markRecordingStarted(db, uuid, 'r', at),
  moveRecordingState: (db) => moveRecordingState(db, uuid, 'r', ['active'], 'paused', at),
  findInterviewRoom: (db) => findInterviewRoom(db, uuid),
  claimInterviewRoom: (db) => claimInterviewRoom(db, uuid, { id: 'r', validUntil: at }, at),
  extendInterviewRoom: (db) => extendInterviewRoom(db, uuid, { id: 'r', validUntil: at }, at),
};
