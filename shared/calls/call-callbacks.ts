import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import { applyParticipantState, endCallParticipants, findCallControl, keepCallServerCallId, moveCallConnectionState, setCallPlayState, type CallConnectionState, type CallPlayState, type ParticipantState } from '../db/repositories/call-control';
import { participantKindOf } from './call-control';

const CONNECTION_MOVES: Record<string, { from: CallConnectionState[]; to: CallConnectionState }> = {
  CallConnected: { from: ['connecting'], to: 'connected' },
  CallDisconnected: { from: ['connecting', 'connected'], to: 'disconnected' },
};

const PLAY_OUTCOMES: Record<string, CallPlayState> = { PlayCompleted: 'completed', PlayFailed: 'failed', PlayCanceled: 'failed' };

const PARTICIPANT_MOVES: Record<string, ParticipantState> = {
  AddParticipantSucceeded: 'joined',
  AddParticipantFailed: 'failed',
  RemoveParticipantSucceeded: 'removed',
  RemoveParticipantFailed: 'joined',
};

/** What a callback names besides its call connection. */
export interface CallbackDetails {
  participantRawId?: string;
  /** ACS's id of the call, given with CallConnected: kept so Event Grid's events of this call find it. */
  serverCallId?: string;
}

/**
 * A mid-call callback of the interview's current call (an older call's connection id changes nothing): the call
 * connects or disconnects, a text-to-speech finishes, a participant joins, fails to or leaves. True when applied.
 * Event Grid's CallStarted and CallEnded of that call come here too, as CallConnected and CallDisconnected.
 */
export async function applyCallControlCallback(db: Db, interviewId: string, connectionId: string, type: string, details: CallbackDetails, at: Date): Promise<boolean> {
  const connectionMove = CONNECTION_MOVES[type];
  if (connectionMove) {
    if (type === 'CallConnected' && details.serverCallId) await keepCallServerCallId(db, interviewId, connectionId, details.serverCallId, at);
    const moved = await moveCallConnectionState(db, interviewId, connectionId, connectionMove.from, connectionMove.to, at);
    if (moved && connectionMove.to === 'disconnected') await endCallParticipants(db, interviewId, at);
    return moved;
  }
  const played = PLAY_OUTCOMES[type];
  if (played) return setCallPlayState(db, interviewId, connectionId, played, at);
  const participantState = PARTICIPANT_MOVES[type];
  const participantRawId = details.participantRawId;
  if (!participantState || !participantRawId) return false;
  const call = await findCallControl(db, interviewId);
  if (call?.acs_call_connection_id !== connectionId) return false;
  return applyParticipantState(db, { id: randomUUID(), interviewId, rawId: participantRawId, kind: participantKindOf(participantRawId), state: participantState }, at);
}
