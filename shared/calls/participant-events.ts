import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/database';
import { applyParticipantState } from '../db/repositories/call-control';
import { findInterviewOfCall, type ProcessedEventOutcome } from '../db/repositories/calls';
import { participantKindOf } from './call-control';

/** The fields of ACS's ParticipantAdded/ParticipantRemoved event data we use. */
export const ParticipantEventData = z.object({
  user: z.object({ rawId: z.string().min(1).max(300) }),
  serverCallId: z.string().min(1).max(1000),
  room: z.object({ id: z.string().min(1).max(200) }).optional(),
});

/**
 * Someone joined or left an interview's call (found by room or server call id): kept on the call's participants
 * as of the event's time, so a late, older event changes nothing. Once staff placed a call (or the server answered
 * one) the participants are that call's: events of the interview's other call change them no more.
 */
export async function applyParticipantEvent(trx: Db, data: z.infer<typeof ParticipantEventData>, joined: boolean, at: Date): Promise<ProcessedEventOutcome> {
  const interview = await findInterviewOfCall(trx, { roomId: data.room?.id ?? null, serverCallId: data.serverCallId });
  if (!interview || (interview.has_staff_call && !interview.staff_call_connection_id)) return 'ignored';
  const rawId = data.user.rawId;
  await applyParticipantState(trx, { id: randomUUID(), interviewId: interview.id, rawId, kind: participantKindOf(rawId), state: joined ? 'joined' : 'removed' }, at);
  return 'processed';
}
