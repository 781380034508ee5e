import type { CallAutomationClient } from '@azure/communication-call-automation';
import { z } from 'zod';
import { requireOrgRole } from '../auth/authorize';
import type { Caller } from '../auth/caller';
import type { AuditContext } from '../candidates/audit-context';
import { appendAudit } from '../db/repositories/audit-log';
import { findRecordingControl, markRecordingRefused, markRecordingStarted, moveRecordingState, type RecordingState } from '../db/repositories/calls';
import type { DbScope } from '../db/scopes';
import type { OrgRole } from '../domain/value-sets';
import { ConflictError, NotFoundError, ServiceUnavailableError } from '../errors';
import type { Logger } from '../observability/logger';
import type { RecordingToStart } from './call-events';
import { callAcs } from './identity-tokens';

/** Who may act on an interview's call: staff who run interviews, not viewers. */
export const CALL_STAFF_ROLES: readonly OrgRole[] = ['admin', 'recruiter', 'hiring_manager'];

export const ACS_NOT_CONFIGURED = 'Azure Communication Services is not configured on this server: set ACS_ENDPOINT (managed identity) or ACS_CONNECTION_STRING.';

const ACS_TIMEOUT_MS = 10_000;

export interface RecordingControl {
  client: CallAutomationClient | null;
  /** Audio only, always; the format and channel come from RECORDING_FORMAT and RECORDING_CHANNEL. */
  settings: { format: 'wav' | 'mp3'; channel: 'mixed' | 'unmixed' };
  /** Where ACS sends the recording's state changes (with the call's own token); none without CALLBACK_BASE_URL. */
  callbackUrlFor(interviewId: string): Promise<string | undefined>;
}

/**
 * Starts recording an interview's call (the candidate consented: call-events checked it) and keeps the recording
 * id and state on the interview. The event that asked for it is already applied, so a failure is not retried:
 * it is kept as the reason nothing was recorded, for the recruiter to see. A second start for the same interview
 * (another CallStarted) is stopped again at once.
 */
export async function startInterviewRecording(system: DbScope, control: RecordingControl, call: RecordingToStart, log: Logger): Promise<void> {
  const { client, settings } = control;
  if (!client) return void log.warn('recording not started: Communication Services is not configured', { interviewId: call.interviewId });
  const recording = client.getCallRecording();
  let recordingId: string;
  try {
    const started = await recording.start({
      callLocator: { id: call.serverCallId, kind: 'serverCallLocator' },
      recordingContent: 'audio',
      recordingChannel: settings.channel,
      recordingFormat: settings.format,
      recordingStateCallbackEndpointUrl: await control.callbackUrlFor(call.interviewId),
      abortSignal: AbortSignal.timeout(ACS_TIMEOUT_MS),
    });
    recordingId = started.recordingId;
  } catch (error) {
    const status = (error as { statusCode?: unknown }).statusCode;
    const reason = `Communication Services did not start the recording (${typeof status === 'number' ? `status ${status}` : 'no answer'}).`;
    log.warn('recording not started', { interviewId: call.interviewId, reason });
    return void (await system.run((db) => markRecordingRefused(db, call.interviewId, reason)));
  }
  if (await system.run((db) => markRecordingStarted(db, call.interviewId, recordingId, new Date()))) {
    return void log.info('recording started', { interviewId: call.interviewId, recordingId });
  }
  await recording.stop(recordingId, { abortSignal: AbortSignal.timeout(ACS_TIMEOUT_MS) }).catch(() => log.warn('could not stop a second recording', { interviewId: call.interviewId }));
}

export const RecordingAction = z.enum(['pause', 'resume', 'stop']);
export type RecordingAction = z.infer<typeof RecordingAction>;

const TRANSITIONS: Record<RecordingAction, { from: RecordingState[]; to: RecordingState; audit: string }> = {
  pause: { from: ['active'], to: 'paused', audit: 'interview_recording_paused' },
  resume: { from: ['paused'], to: 'active', audit: 'interview_recording_resumed' },
  stop: { from: ['active', 'paused'], to: 'stopped', audit: 'interview_recording_stopped' },
};

export const RecordingStateSchema = z
  .object({ recording_id: z.string(), recording_state: z.enum(['active', 'paused', 'stopped']) })
  .meta({ id: 'InterviewRecordingState' });

/**
 * Staff pause, resume or stop the recording of an interview's call, at ACS first and then on the interview, audited.
 * A recording not in a state the action applies to (none started, already stopped) is 409.
 */
export async function controlInterviewRecording(
  data: DbScope,
  client: CallAutomationClient | null,
  caller: Caller,
  interviewId: string,
  action: string,
  context: AuditContext & { log: Logger },
): Promise<z.infer<typeof RecordingStateSchema>> {
  const parsed = RecordingAction.safeParse(action);
  if (!parsed.success) throw new NotFoundError('Recordings can be paused, resumed or stopped.');
  const transition = TRANSITIONS[parsed.data];
  const found = await data.run((db) => findRecordingControl(db, interviewId));
  if (!found) throw new NotFoundError('No such interview.');
  requireOrgRole(caller, found.organisation_id, CALL_STAFF_ROLES);
  if (!client) throw new ServiceUnavailableError(ACS_NOT_CONFIGURED);
  const recordingId = found.acs_recording_id;
  if (!recordingId || !transition.from.some((state) => state === found.recording_state)) {
    throw new ConflictError(recordingId ? `The recording is ${found.recording_state ?? 'not running'}; it cannot be ${parsed.data}d.` : 'Nothing is being recorded for this interview.');
  }
  const recording = client.getCallRecording();
  await callAcs((abortSignal) => recording[parsed.data](recordingId, { abortSignal }), 'the recording change', context.log);
  await data.transaction(async (trx) => {
    if (!(await moveRecordingState(trx, interviewId, recordingId, transition.from, transition.to, new Date()))) {
      throw new ConflictError('The recording changed meanwhile; read it again.');
    }
    await appendAudit(trx, {
      user_id: caller.user.id,
      organisation_id: found.organisation_id,
      action: transition.audit,
      entity_type: 'interview',
      entity_id: interviewId,
      ip_address: context.ipAddress,
    });
  });
  return { recording_id: recordingId, recording_state: transition.to };
}

/** The interview ended: its recording stops (nothing to do when none runs). Never fails the ending itself. */
export async function stopRecordingAtEnd(data: DbScope, client: CallAutomationClient | null, interviewId: string, log: Logger): Promise<void> {
  const found = await data.run((db) => findRecordingControl(db, interviewId));
  const recordingId = found?.acs_recording_id;
  if (!client || !recordingId || !(found.recording_state === 'active' || found.recording_state === 'paused')) return;
  try {
    await client.getCallRecording().stop(recordingId, { abortSignal: AbortSignal.timeout(ACS_TIMEOUT_MS) });
    await data.run((db) => moveRecordingState(db, interviewId, recordingId, ['active', 'paused'], 'stopped', new Date()));
  } catch (error) {
    log.warn('recording not stopped at the end of the interview', { interviewId, reason: error instanceof Error ? error.name : 'unknown' });
  }
}
