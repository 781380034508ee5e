import { z } from 'zod';
import type { Db } from '../../db/database';
import { listConsents, recordConsent } from '../../db/repositories/consents';
import { findConversationContext, saveSignals } from '../../db/repositories/interview-conversation';
import { invitationExpiryOfInterview } from '../../db/repositories/invitation-redemption';
import type { InterviewSession } from '../../domain/interview-session';
import type { AntiCheatSignal } from '../../domain/interview-signals';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import { buildLobby, CONSENT_POLICY_VERSION, type Lobby } from './lobby';
import { singleLineText } from '../../validation';

export interface SessionView {
  interview: { id: string; status: string; started_at: string | null; question_index: number; is_practice: boolean };
  lobby: Lobby;
}

async function loadContext(db: Db, session: InterviewSession) {
  const context = await findConversationContext(db, session.interview_id);
  if (!context) throw new NotFoundError('The interview no longer exists.');
  return context;
}

/** What the lobby and the live page need: the role, the plan, what is recorded, and which consents are given. */
export async function readSession(db: Db, session: InterviewSession): Promise<SessionView> {
  const context = await loadContext(db, session);
  return {
    interview: {
      id: context.interview_id,
      status: context.status,
      started_at: context.started_at,
      question_index: context.question_index,
      is_practice: context.is_practice,
    },
    lobby: buildLobby(context, await listConsents(db, session.interview_id), await invitationExpiryOfInterview(db, session.interview_id)),
  };
}

export const ConsentInput = z
  .strictObject({
    policy_version: singleLineText().min(1).max(50),
    ai_processing: z.literal(true, { error: 'Consent to AI processing is needed to take the interview.' }),
    recording: z.boolean(),
  })
  .meta({ id: 'ConsentRequest' });

/** Records consent to AI processing and, separately, to recording, with the policy version, time and address. */
export async function giveConsent(db: Db, session: InterviewSession, input: z.infer<typeof ConsentInput>, ipAddress: string): Promise<Lobby['consent']> {
  if (input.policy_version !== CONSENT_POLICY_VERSION) {
    throw new ConflictError(`The consent text has changed (now ${CONSENT_POLICY_VERSION}); show it again and ask once more.`);
  }
  const context = await loadContext(db, session);
  if (context.status === 'completed' || context.status === 'cancelled') throw new ConflictError('This interview has already finished.');
  const at = new Date();
  await recordConsent(db, { interview_id: session.interview_id, kind: 'ai_processing', policy_version: input.policy_version, granted_at: at, ip_address: ipAddress });
  if (input.recording) {
    await recordConsent(db, { interview_id: session.interview_id, kind: 'recording', policy_version: input.policy_version, granted_at: at, ip_address: ipAddress });
  }
  return buildLobby(context, await listConsents(db, session.interview_id), null).consent;
}

/** At most this many signals per interview; a misbehaving client cannot grow the row without bound. */
export const MAX_STORED_SIGNALS = 300;

export const SignalsInput = z
  .strictObject({
    signals: z
      .array(
        z.strictObject({
          type: z.enum(['tab_switch', 'silence', 'latency']),
          timestamp: z.iso.datetime(),
          duration: z.number().int().min(0).max(3_600_000).optional().describe('Milliseconds, for silence and latency.'),
        }),
      )
      .min(1)
      .max(20),
  })
  .meta({ id: 'AntiCheatSignalsRequest' });

/** Appends anti-cheat signals to a running interview, keeping at most MAX_STORED_SIGNALS. */
export async function appendSignals(db: Db, session: InterviewSession, input: z.infer<typeof SignalsInput>): Promise<{ stored: number; dropped: number }> {
  return db.transaction().execute(async (trx) => {
    const context = await loadContext(trx, session);
    if (context.status !== 'in_progress' && context.status !== 'scheduled') throw new ConflictError('Signals are only taken while the interview runs.');
    // Signals are data about the candidate: none is taken before they agreed to the interview's AI processing.
    const consents = await listConsents(trx, session.interview_id);
    if (!consents.some((c) => c.kind === 'ai_processing' && c.policy_version === CONSENT_POLICY_VERSION)) {
      throw new ForbiddenError('Consent to AI processing is needed before signals are taken.');
    }
    const room = Math.max(0, MAX_STORED_SIGNALS - context.anti_cheat_signals.length);
    const accepted: AntiCheatSignal[] = input.signals.slice(0, room);
    if (accepted.length === 0 && input.signals.length > 0 && room === 0) {
      return { stored: context.anti_cheat_signals.length, dropped: input.signals.length };
    }
    const future = accepted.find((s) => new Date(s.timestamp).getTime() > Date.now() + 60_000);
    if (future) throw new ValidationError('A signal is timestamped in the future.', [{ path: 'signals.timestamp', message: 'in the future' }]);
    const all = [...context.anti_cheat_signals, ...accepted];
    await saveSignals(trx, session.interview_id, all, new Date());
    return { stored: all.length, dropped: input.signals.length - accepted.length };
  });
}
