import { z } from 'zod';
import type { TokenValidator } from '../auth/token-validator';
import type { Db } from '../db/database';
import { moveRecordingState, type RecordingState } from '../db/repositories/calls';
import { applyCallControlCallback } from './call-callbacks';
import type { DbScope } from '../db/scopes';
import { UnauthenticatedError, ValidationError } from '../errors';
import type { Logger } from '../observability/logger';
import type { CallbackTokens } from './callback-tokens';

/** Call Automation posts an array of CloudEvents; only the fields used here are read. */
const Callbacks = z
  .array(
    z.object({
      id: z.string().max(200),
      type: z.string().max(200),
      time: z.string().max(50).optional(),
      data: z
        .object({
          callConnectionId: z.string().max(200).optional(),
          serverCallId: z.string().min(1).max(1000).optional(),
          recordingId: z.string().max(200).optional(),
          state: z.string().max(50).optional(),
          participant: z.object({ rawId: z.string().min(1).max(300) }).optional(),
        })
        .optional(),
    }),
  )
  .min(1)
  .max(50);

/** ACS's recording states mapped onto ours; a stopped recording stays stopped. */
const RECORDING_STATES: Record<string, { from: RecordingState[]; to: RecordingState }> = {
  active: { from: ['paused'], to: 'active' },
  inactive: { from: ['active'], to: 'paused' },
};

export interface CallbackVerifiers {
  /** ACS as a trusted issuer (its keys, our resource id as audience); null without ACS_RESOURCE_ID. */
  acs: TokenValidator | null;
  tokens: CallbackTokens;
}

/**
 * Mid-call callbacks from Call Automation. Both proofs come first, before anything is read or changed: ACS's signed
 * JWT (Authorization) and the per-call token of the URL we gave ACS. RecordingStateChanged moves the interview's
 * recording; the events of a call staff placed or the server answered move that call (call-callbacks); the other
 * types are acknowledged and logged.
 */
export async function receiveCallbacks(
  system: DbScope,
  verifiers: CallbackVerifiers,
  request: { authorization: string | null; token: string | null; body: Uint8Array },
  log: Logger,
): Promise<{ applied: number }> {
  if (!verifiers.acs) throw new UnauthenticatedError('Callbacks are not accepted here: ACS_RESOURCE_ID is not set.');
  await verifiers.acs.validate(request.authorization);
  const interviewId = await verifiers.tokens.verify(request.token);
  let parsed;
  try {
    parsed = Callbacks.safeParse(JSON.parse(Buffer.from(request.body).toString('utf8')));
  } catch {
    throw new ValidationError('The body is not JSON.', []);
  }
  if (!parsed.success) throw new ValidationError('The body is not an array of Call Automation events.', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  let applied = 0;
  for (const event of parsed.data) {
    if (await system.run((db) => applyCallback(db, interviewId, event))) applied += 1;
    else log.info('call callback acknowledged', { interviewId, type: event.type });
  }
  return { applied };
}

type Callback = z.infer<typeof Callbacks>[number];

/** RecordingStateChanged moves the recording; the call's own events (its connection id) move the call. */
async function applyCallback(db: Db, interviewId: string, event: Callback): Promise<boolean> {
  const type = event.type.replace(/^Microsoft\.Communication\./, '');
  if (type === 'RecordingStateChanged') {
    const recordingId = event.data?.recordingId;
    const move = event.data?.state ? RECORDING_STATES[event.data.state] : undefined;
    return move && recordingId ? moveRecordingState(db, interviewId, recordingId, move.from, move.to, new Date()) : false;
  }
  const connectionId = event.data?.callConnectionId;
  const details = { participantRawId: event.data?.participant?.rawId, serverCallId: event.data?.serverCallId };
  return connectionId ? applyCallControlCallback(db, interviewId, connectionId, type, details, callbackTime(event.time)) : false;
}

function callbackTime(time: string | undefined): Date {
  const at = new Date(time ?? '');
  return Number.isNaN(at.getTime()) ? new Date() : at;
}
