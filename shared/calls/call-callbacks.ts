import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import { applyParticipantState, endCallParticipants, findCallControl, moveCallConnectionState, setCallPlayState, type CallConnectionState, type CallPlayState, type ParticipantState } from '../db/repositories/call-control';
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

/**
 * A mid-call callback of the interview's current call (an older call's connection id changes nothing): the call
 * connects or disconnects, a text-to-speech finishes, a participant joins, fails to or leaves. True when applied.
 */
export async function applyCallControlCallback(db: Db, interviewId: string, connectionId: string, type: string, participantRawId: string | undefined, at: Date): Promise<boolean> {
  const connectionMove = CONNECTION_MOVES[type];
  if (connectionMove) {
    const moved = await moveCallConnectionState(db, interviewId, connectionId, connectionMove.from, connectionMove.to, at);
    if (moved && connectionMove.to === 'disconnected') await endCallParticipants(db, interviewId, at);
    return moved;
  }
  const played = PLAY_OUTCOMES[type];
  if (played) return setCallPlayState(db, interviewId, connectionId, played, at);
  const participantState = PARTICIPANT_MOVES[type];
  if (!participantState || !participantRawId) return false;
  const call = await findCallControl(db, interviewId);
  if (call?.acs_call_connection_id !== connectionId) return false;
  return applyParticipantState(db, { id: randomUUID(), interviewId, rawId: participantRawId, kind: participantKindOf(participantRawId), state: participantState }, at);
}
