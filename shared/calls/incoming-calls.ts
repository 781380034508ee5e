import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/database';
import { applyParticipantState, claimCallConnection, clearCallParticipants, findIncomingCallInterview } from '../db/repositories/call-control';
import type { Logger } from '../observability/logger';
import type { CallControl } from './call-control';

/**
 * The VoIP header the candidate's browser sets on its call to the server (Calling SDK `customContext.voipHeaders`):
 * the interview the call is for. The header alone proves nothing: the caller must also be that interview's candidate.
 */
export const INTERVIEW_HEADER = 'talenti-interview-id';

/** The fields of ACS's IncomingCall event data we use. */
export const IncomingCallData = z.object({
  from: z.object({ rawId: z.string().min(1).max(300) }),
  serverCallId: z.string().min(1).max(1000).optional(),
  incomingCallContext: z.string().min(1).max(20_000),
  customContext: z.object({ voipHeaders: z.record(z.string().max(100), z.string().max(500)).optional() }).optional(),
});

/** An incoming call the interview expects, to answer once the event's transaction has committed. */
export interface IncomingCallToAnswer {
  interviewId: string;
  incomingCallContext: string;
  callerRawId: string;
}

const FINISHED = new Set(['completed', 'cancelled', 'expired']);

function interviewIdOf(data: z.infer<typeof IncomingCallData>): string | null {
  const headers = Object.entries(data.customContext?.voipHeaders ?? {});
  const value = headers.find(([key]) => key.toLowerCase() === INTERVIEW_HEADER)?.[1];
  return value && z.uuid().safeParse(value).success ? value : null;
}

/**
 * Whether an incoming call is one an interview expects: it names the interview (INTERVIEW_HEADER), comes from that
 * interview's candidate's own ACS identity, while the interview has a live session and no live call. Anything else
 * is ignored, with why in the log (never who called).
 */
export async function expectedIncomingCall(db: Db, data: z.infer<typeof IncomingCallData>, now: Date): Promise<{ answer: IncomingCallToAnswer } | { ignored: string }> {
  const interviewId = interviewIdOf(data);
  if (!interviewId) return { ignored: 'no interview header' };
  const interview = await findIncomingCallInterview(db, interviewId, now);
  if (!interview) return { ignored: 'no such interview' };
  if (interview.candidate_communication_user_id !== data.from.rawId) return { ignored: 'not the interview’s candidate' };
  if (FINISHED.has(interview.status) || !interview.has_live_session) return { ignored: 'interview not live' };
  if (interview.call_connection_state === 'connecting' || interview.call_connection_state === 'connected') return { ignored: 'a call is already live' };
  return { answer: { interviewId, incomingCallContext: data.incomingCallContext, callerRawId: data.from.rawId } };
}

/**
 * Answers an expected call with the call's own callback URL and keeps it on the interview, the candidate as its
 * participant. A call another answer kept first is hung up again. Failures are logged: the caller hears it ring out.
 */
export async function answerIncomingCall(control: CallControl, call: IncomingCallToAnswer, log: Logger): Promise<void> {
  const { interviewId } = call;
  const callbackUrl = await control.callbackUrlFor(interviewId);
  if (!control.client || !callbackUrl) return void log.warn('incoming call not answered: ACS or CALLBACK_BASE_URL is not configured', { interviewId });
  let answered;
  try {
    answered = await control.client.answerCall(call.incomingCallContext, callbackUrl, { operationContext: interviewId, abortSignal: AbortSignal.timeout(10_000) });
  } catch (error) {
    return void log.warn('incoming call not answered', { interviewId, reason: error instanceof Error ? error.name : 'unknown' });
  }
  const { callConnectionId, serverCallId } = answered.callConnectionProperties;
  if (!callConnectionId) return void log.warn('incoming call answered without a call connection id', { interviewId });
  const now = new Date();
  const kept = await control.system.transaction(async (trx) => {
    if (!(await claimCallConnection(trx, interviewId, { connectionId: callConnectionId, serverCallId: serverCallId ?? null }, now))) return false;
    await clearCallParticipants(trx, interviewId);
    await applyParticipantState(trx, { id: randomUUID(), interviewId, rawId: call.callerRawId, kind: 'acs_user', state: 'joined' }, now);
    return true;
  });
  if (kept) return void log.info('incoming call answered', { interviewId });
  await answered.callConnection.hangUp(true, { abortSignal: AbortSignal.timeout(10_000) }).catch(() => log.warn('could not hang up a second answered call', { interviewId }));
}
