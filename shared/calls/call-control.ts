import { randomUUID } from 'node:crypto';
import type { CallAutomationClient, CallInvite } from '@azure/communication-call-automation';
import type { CommunicationIdentityClient } from '@azure/communication-identity';
import { z } from 'zod';
import type { AppServices } from '../app-services';
import { requireOrgRole } from '../auth/authorize';
import type { Caller } from '../auth/caller';
import type { AuditContext } from '../candidates/audit-context';
import { appendAudit } from '../db/repositories/audit-log';
import {
  applyParticipantState,
  claimCallConnection,
  clearCallParticipants,
  endCallParticipants,
  findCallControl,
  listCallParticipants,
  moveCallConnectionState,
  setCallPlayState,
  type InterviewCallControl,
  type ParticipantKind,
} from '../db/repositories/call-control';
import type { Db } from '../db/database';
import type { DbScope } from '../db/scopes';
import { ConflictError, NotFoundError, ServiceUnavailableError, UpstreamError } from '../errors';
import type { Logger } from '../observability/logger';
import { multiLineText } from '../validation';
import { callAcs, identityOf } from './identity-tokens';
import { ACS_NOT_CONFIGURED, CALL_STAFF_ROLES } from './interview-recording';

/** An Australian number in E.164 form: +61 and nine digits (a landline or mobile), e.g. +61412345678. */
const AUSTRALIAN_NUMBER = /^\+61[1-9]\d{8}$/;

const CandidateTarget = z.strictObject({ target: z.literal('candidate').describe("The candidate's ACS identity, the one their browser signs in with.") });
const PhoneTarget = z.strictObject({
  target: z.literal('phone'),
  phone_number: z.string().regex(AUSTRALIAN_NUMBER, 'Expected an Australian number in E.164 form: +61 and nine digits, e.g. +61412345678.').describe('E.164, +61 only.'),
});

/** Whom a call goes to: the interview's candidate (their own ACS identity) or an Australian phone number. */
export const CallTarget = z.discriminatedUnion('target', [CandidateTarget, PhoneTarget]).meta({ id: 'CallTarget' });
export type CallTarget = z.infer<typeof CallTarget>;

/** Whom staff invite into a connected call: as for placing one, or a member of the interview's organisation. */
export const ParticipantTarget = z
  .discriminatedUnion('target', [
    CandidateTarget,
    PhoneTarget,
    z.strictObject({
      target: z.literal('member'),
      user_id: z.uuid().describe("A member of the interview's organisation, invited by the ACS identity acs-token-generator keeps for them."),
    }),
  ])
  .meta({ id: 'ParticipantTarget' });
export type ParticipantTarget = z.infer<typeof ParticipantTarget>;

export const PlayRequest = z
  .strictObject({ text: multiLineText().trim().min(1).max(1000).describe('Spoken into the call in en-AU; no control characters other than line breaks.') })
  .meta({ id: 'PlayRequest' });

const ParticipantSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['acs_user', 'phone', 'other']),
  raw_id: z.string().describe('ACS raw id: `8:acs:…` for an identity, `4:+61…` for a phone.'),
  state: z.enum(['invited', 'joined', 'failed', 'removing', 'removed']),
  muted: z.boolean(),
});

export const InterviewCallSchema = z
  .object({
    call_connection_id: z.string().nullable().describe('Null when no call was placed or answered for the interview.'),
    state: z.enum(['connecting', 'connected', 'disconnected']).nullable(),
    play_state: z.enum(['playing', 'completed', 'failed']).nullable().describe('How the last text-to-speech went.'),
    participants: z.array(ParticipantSchema),
  })
  .meta({ id: 'InterviewCall' });
export type InterviewCall = z.infer<typeof InterviewCallSchema>;

/** What staff call control needs: the ACS clients, the caller number and voice, and the call's callback URL. */
export interface CallControl {
  client: CallAutomationClient | null;
  identity: CommunicationIdentityClient | null;
  settings: { callerNumber?: string; voice: string };
  callbackUrlFor(interviewId: string): Promise<string | undefined>;
  /** The candidate's ACS identity is theirs alone under row-level security: read (or made) in system scope. */
  system: DbScope;
}

export function callControlOf(services: AppServices): CallControl {
  return {
    client: services.callAutomation,
    identity: services.acsIdentity,
    settings: services.settings.calls,
    callbackUrlFor: (interviewId) => services.acsCallbacks.tokens.urlFor(interviewId),
    system: services.database.scopes.system,
  };
}

export type CallContext = AuditContext & { log: Logger };

const FINISHED = new Set(['completed', 'cancelled', 'expired']);
const LIVE = new Set(['connecting', 'connected']);

/** The raw id ACS gives a participant, and the kind it says: `8:acs:` an identity, `4:` a phone number. */
export function participantKindOf(rawId: string): ParticipantKind {
  if (rawId.startsWith('8:acs:')) return 'acs_user';
  return rawId.startsWith('4:') ? 'phone' : 'other';
}

/** The interview for staff who run its calls: 404 for anyone outside its organisation, 403 for viewers. */
export async function staffInterviewCall(data: DbScope, caller: Caller, interviewId: string): Promise<InterviewCallControl> {
  const found = await data.run((db) => findCallControl(db, interviewId));
  if (!found) throw new NotFoundError('No such interview.');
  requireOrgRole(caller, found.organisation_id, CALL_STAFF_ROLES);
  return found;
}

export function requireClient(control: CallControl): CallAutomationClient {
  if (!control.client) throw new ServiceUnavailableError(ACS_NOT_CONFIGURED);
  return control.client;
}

/** The live call's connection id; 409 when no call is live (or, with `connected`, not yet answered). */
export function requireLiveCall(found: InterviewCallControl, options: { connected: boolean }): string {
  const connectionId = found.acs_call_connection_id;
  const live = options.connected ? found.call_connection_state === 'connected' : LIVE.has(found.call_connection_state ?? '');
  if (!connectionId || !live) {
    throw new ConflictError(found.call_connection_state === 'connecting' ? 'The call has not been answered yet.' : 'No call is live for this interview.');
  }
  return connectionId;
}

async function readCall(db: Db, interviewId: string, found: Pick<InterviewCallControl, 'acs_call_connection_id' | 'call_connection_state' | 'call_play_state'>): Promise<InterviewCall> {
  return {
    call_connection_id: found.acs_call_connection_id,
    state: found.call_connection_state as InterviewCall['state'],
    play_state: found.call_play_state as InterviewCall['play_state'],
    participants: await listCallParticipants(db, interviewId),
  };
}

/** The interview's call as the database holds it, for any member of its organisation. */
export async function readInterviewCall(data: DbScope, caller: Caller, interviewId: string): Promise<InterviewCall> {
  return data.run(async (db) => {
    const found = await findCallControl(db, interviewId);
    if (!found) throw new NotFoundError('No such interview.');
    requireOrgRole(caller, found.organisation_id, ['admin', 'recruiter', 'hiring_manager', 'viewer']);
    return readCall(db, interviewId, found);
  });
}

export async function rereadCall(data: DbScope, interviewId: string): Promise<InterviewCall> {
  return data.run(async (db) => {
    const found = await findCallControl(db, interviewId);
    if (!found) throw new NotFoundError('No such interview.');
    return readCall(db, interviewId, found);
  });
}

/** A participant to invite, as Call Automation takes it and as the database keeps it. */
export interface Invitee {
  invite: CallInvite;
  rawId: string;
  kind: ParticipantKind;
}

/**
 * The candidate's own ACS identity, or a phone number called from ACS_CALLER_NUMBER (503 naming it when unset).
 * Only after the caller was found to be staff of the interview: its candidate's identity is read in system scope.
 */
export async function inviteeFor(control: CallControl, found: InterviewCallControl, target: CallTarget, context: CallContext): Promise<Invitee> {
  if (target.target === 'phone') {
    const { callerNumber } = control.settings;
    if (!callerNumber) throw new ServiceUnavailableError('Phone calls are not configured on this server: set ACS_CALLER_NUMBER.');
    return { invite: { targetParticipant: { phoneNumber: target.phone_number }, sourceCallIdNumber: { phoneNumber: callerNumber } }, rawId: `4:${target.phone_number}`, kind: 'phone' };
  }
  if (!control.identity) throw new ServiceUnavailableError(ACS_NOT_CONFIGURED);
  const communicationUserId = await identityOf(control.system, control.identity, found.candidate_id, context);
  return { invite: { targetParticipant: { communicationUserId } }, rawId: communicationUserId, kind: 'acs_user' };
}

async function requireCallbackUrl(control: CallControl, interviewId: string): Promise<string> {
  const url = await control.callbackUrlFor(interviewId);
  if (!url) throw new ServiceUnavailableError('Call Automation callbacks are not configured on this server: set CALLBACK_BASE_URL.');
  return url;
}

export function auditCallAction(trx: Db, caller: Caller, found: InterviewCallControl, interviewId: string, action: string, context: CallContext, now: Date) {
  return appendAudit(trx, { user_id: caller.user.id, organisation_id: found.organisation_id, action, entity_type: 'interview', entity_id: interviewId, ip_address: context.ipAddress }, now);
}

/**
 * Staff place a call from the interview to its candidate or a phone number. The call is kept on the interview
 * (connection id, `connecting`, the invitee as a participant) and audited; its callbacks move it on. When another
 * request placed one meanwhile, the interview keeps that one and this call is hung up again (409).
 */
export async function startInterviewCall(data: DbScope, control: CallControl, caller: Caller, interviewId: string, target: CallTarget, context: CallContext): Promise<InterviewCall> {
  const found = await staffInterviewCall(data, caller, interviewId);
  const client = requireClient(control);
  const callbackUrl = await requireCallbackUrl(control, interviewId);
  if (FINISHED.has(found.status)) throw new ConflictError(`The interview is ${found.status}; it takes no calls.`);
  if (LIVE.has(found.call_connection_state ?? '')) throw new ConflictError('A call is already live for this interview; hang it up first.');
  const invitee = await inviteeFor(control, found, target, context);
  const created = await callAcs((abortSignal) => client.createCall(invitee.invite, callbackUrl, { operationContext: interviewId, abortSignal }), 'a call', context.log);
  const { callConnectionId, serverCallId } = created.callConnectionProperties;
  if (!callConnectionId) throw new UpstreamError('Communication Services placed the call without a call connection id.');
  const now = new Date();
  const kept = await data.transaction(async (trx) => {
    if (!(await claimCallConnection(trx, interviewId, { connectionId: callConnectionId, serverCallId: serverCallId ?? null }, now))) return false;
    await clearCallParticipants(trx, interviewId);
    await applyParticipantState(trx, { id: randomUUID(), interviewId, rawId: invitee.rawId, kind: invitee.kind, state: 'invited' }, now);
    await auditCallAction(trx, caller, found, interviewId, 'interview_call_started', context, now);
    return true;
  });
  if (!kept) {
    await created.callConnection.hangUp(true, { abortSignal: AbortSignal.timeout(10_000) }).catch(() => context.log.warn('could not hang up a second call', { interviewId }));
    throw new ConflictError('A call is already live for this interview; hang it up first.');
  }
  return rereadCall(data, interviewId);
}

const statusOf = (error: unknown) => (error as { statusCode?: unknown }).statusCode;

/** Staff end the interview's call for everyone (no one is left in it); a call ACS no longer knows counts as ended. Audited. */
export async function hangUpInterviewCall(data: DbScope, control: CallControl, caller: Caller, interviewId: string, context: CallContext): Promise<InterviewCall> {
  const found = await staffInterviewCall(data, caller, interviewId);
  const client = requireClient(control);
  const connectionId = requireLiveCall(found, { connected: false });
  const connection = client.getCallConnection(connectionId);
  await callAcs(
    (abortSignal) =>
      connection.hangUp(true, { abortSignal }).catch((error: unknown) => {
        if (statusOf(error) !== 404) throw error;
      }),
    'the hang-up',
    context.log,
  );
  const now = new Date();
  await data.transaction(async (trx) => {
    if (await moveCallConnectionState(trx, interviewId, connectionId, ['connecting', 'connected'], 'disconnected', now)) await endCallParticipants(trx, interviewId, now);
    await auditCallAction(trx, caller, found, interviewId, 'interview_call_hung_up', context, now);
  });
  return rereadCall(data, interviewId);
}

/**
 * Staff play text-to-speech into the connected call for everyone, in en-AU with the voice of CALL_TTS_VOICE.
 * The text is not stored (it may be personal); the audit row says that something was played. PlayCompleted or
 * PlayFailed callbacks finish `play_state`.
 */
export async function playIntoInterviewCall(data: DbScope, control: CallControl, caller: Caller, interviewId: string, text: string, context: CallContext): Promise<InterviewCall> {
  const found = await staffInterviewCall(data, caller, interviewId);
  const client = requireClient(control);
  const connectionId = requireLiveCall(found, { connected: true });
  const media = client.getCallConnection(connectionId).getCallMedia();
  await callAcs(
    (abortSignal) => media.playToAll([{ kind: 'textSource', text, sourceLocale: 'en-AU', voiceName: control.settings.voice }], { operationContext: interviewId, abortSignal }),
    'the text-to-speech',
    context.log,
  );
  const now = new Date();
  await data.transaction(async (trx) => {
    await setCallPlayState(trx, interviewId, connectionId, 'playing', now);
    await auditCallAction(trx, caller, found, interviewId, 'interview_call_played', context, now);
  });
  return rereadCall(data, interviewId);
}
