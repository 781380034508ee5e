import { randomUUID } from 'node:crypto';
import type { CallConnection } from '@azure/communication-call-automation';
import type { Caller } from '../auth/caller';
import { findAcsIdentity } from '../db/repositories/acs-identities';
import { applyParticipantState, findCallParticipant, markParticipantMuted, type CallParticipant, type InterviewCallControl } from '../db/repositories/call-control';
import { findMember } from '../db/repositories/members';
import type { DbScope } from '../db/scopes';
import { ConflictError, NotFoundError } from '../errors';
import {
  auditCallAction,
  inviteeFor,
  requireClient,
  requireLiveCall,
  rereadCall,
  staffInterviewCall,
  type CallContext,
  type CallControl,
  type InterviewCall,
  type Invitee,
  type ParticipantTarget,
} from './call-control';
import { callAcs } from './identity-tokens';

type Identifier = Parameters<CallConnection['removeParticipant']>[0];

/** A kept participant as Call Automation names it again. */
function identifierOf(participant: CallParticipant): Identifier {
  if (participant.kind === 'acs_user') return { communicationUserId: participant.raw_id };
  if (participant.kind === 'phone') return { phoneNumber: participant.raw_id.replace(/^4:/, '') };
  return { id: participant.raw_id };
}

const IN_CALL = new Set(['invited', 'joined']);

/** The connected call and one of its participants, for staff; 404 for a participant the interview's call does not have. */
async function participantInCall(data: DbScope, control: CallControl, caller: Caller, interviewId: string, participantId: string) {
  const found = await staffInterviewCall(data, caller, interviewId);
  const client = requireClient(control);
  const connectionId = requireLiveCall(found, { connected: true });
  const participant = await data.run((db) => findCallParticipant(db, interviewId, participantId));
  if (!participant) throw new NotFoundError('No such participant in the interview’s call.');
  return { found, connection: client.getCallConnection(connectionId), participant };
}

/**
 * A member of the interview's organisation, by the ACS identity acs-token-generator keeps for them: 404 for anyone
 * else (whether or not they exist), 409 for a member who never signed in to calls (no identity, so nothing of
 * theirs could answer). Their identity is theirs alone under row-level security: read in system scope.
 */
async function memberInvitee(data: DbScope, control: CallControl, found: InterviewCallControl, userId: string): Promise<Invitee> {
  if (!(await data.run((db) => findMember(db, found.organisation_id, userId)))) throw new NotFoundError('No such member of the interview’s organisation.');
  const identity = await control.system.run((db) => findAcsIdentity(db, userId));
  if (!identity) throw new ConflictError('They have no ACS identity yet: they can be invited once they have signed in to calls.');
  const communicationUserId = identity.communication_user_id;
  return { invite: { targetParticipant: { communicationUserId } }, rawId: communicationUserId, kind: 'acs_user' };
}

/** Staff invite the candidate, a member or a phone number into the connected call; AddParticipantSucceeded/Failed finish it. */
export async function addCallParticipant(data: DbScope, control: CallControl, caller: Caller, interviewId: string, target: ParticipantTarget, context: CallContext): Promise<InterviewCall> {
  const found = await staffInterviewCall(data, caller, interviewId);
  const client = requireClient(control);
  const connectionId = requireLiveCall(found, { connected: true });
  const invitee = target.target === 'member' ? await memberInvitee(data, control, found, target.user_id) : await inviteeFor(control, found, target, context);
  const current = await rereadCall(data, interviewId);
  if (current.participants.some((p) => p.raw_id === invitee.rawId && IN_CALL.has(p.state))) throw new ConflictError('They are already in the call or invited to it.');
  const connection = client.getCallConnection(connectionId);
  await callAcs((abortSignal) => connection.addParticipant(invitee.invite, { operationContext: interviewId, abortSignal }), 'the participant change', context.log);
  const now = new Date();
  await data.transaction(async (trx) => {
    await applyParticipantState(trx, { id: randomUUID(), interviewId, rawId: invitee.rawId, kind: invitee.kind, state: 'invited', muted: false }, now);
    await auditCallAction(trx, caller, found, interviewId, 'interview_call_participant_added', context, now);
  });
  return rereadCall(data, interviewId);
}

/** Staff remove someone invited to or in the call; RemoveParticipantSucceeded or ParticipantRemoved finish it. */
export async function removeCallParticipant(data: DbScope, control: CallControl, caller: Caller, interviewId: string, participantId: string, context: CallContext): Promise<InterviewCall> {
  const { found, connection, participant } = await participantInCall(data, control, caller, interviewId, participantId);
  if (!IN_CALL.has(participant.state)) throw new ConflictError(`The participant is ${participant.state}; there is no one to remove.`);
  await callAcs((abortSignal) => connection.removeParticipant(identifierOf(participant), { operationContext: interviewId, abortSignal }), 'the participant change', context.log);
  const now = new Date();
  await data.transaction(async (trx) => {
    await applyParticipantState(trx, { id: participant.id, interviewId, rawId: participant.raw_id, kind: participant.kind, state: 'removing' }, now);
    await auditCallAction(trx, caller, found, interviewId, 'interview_call_participant_removed', context, now);
  });
  return rereadCall(data, interviewId);
}

/** Staff mute someone in the call (only they can unmute themselves, as ACS allows). */
export async function muteCallParticipant(data: DbScope, control: CallControl, caller: Caller, interviewId: string, participantId: string, context: CallContext): Promise<InterviewCall> {
  const { found, connection, participant } = await participantInCall(data, control, caller, interviewId, participantId);
  if (participant.state !== 'joined') throw new ConflictError(`The participant is ${participant.state}; only someone in the call can be muted.`);
  await callAcs((abortSignal) => connection.muteParticipant(identifierOf(participant), { operationContext: interviewId, abortSignal }), 'the participant change', context.log);
  const now = new Date();
  await data.transaction(async (trx) => {
    await markParticipantMuted(trx, participant.id, now);
    await auditCallAction(trx, caller, found, interviewId, 'interview_call_participant_muted', context, now);
  });
  return rereadCall(data, interviewId);
}
