import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../../db/database';
import { listConsents } from '../../db/repositories/consents';
import {
  claimInterview,
  findInvitationByTokenHash,
  interviewStatus,
  markInvitationOpened,
  type RedeemableInvitation,
} from '../../db/repositories/invitation-redemption';
import { insertSession } from '../../db/repositories/interview-sessions';
import { revokeSessionsOfInvitation } from '../../db/repositories/invitations';
import { ConflictError, GoneError, NotFoundError } from '../../errors';
import { hashInvitationToken } from './invitation-token';
import { buildLobby, LobbySchema, type Lobby } from './lobby';
import type { SessionTokens } from './session-tokens';

export const RedeemInvitationInput = z
  .strictObject({ token: z.string().trim().min(20).max(200).regex(/^[A-Za-z0-9_-]+$/, 'not an invitation token') })
  .meta({ id: 'RedeemInvitationRequest' });

export const RedemptionSchema = z
  .object({
    session_token: z.string().describe('Send as Authorization: Bearer for the interview endpoints.'),
    expires_at: z.iso.datetime(),
    interview: z.object({ id: z.uuid(), status: z.string() }),
    lobby: LobbySchema,
  })
  .meta({ id: 'Redemption' });

export interface Redemption {
  session_token: string;
  expires_at: string;
  interview: { id: string; status: string };
  lobby: Lobby;
}

/**
 * Opens an invitation: checks the token's hash, expiry, revocation and whether the interview is over, marks the
 * invitation opened, creates or resumes its interview and hands out a session token for that interview only.
 * A wrong token says only that the link is not valid; nothing about other invitations can be learnt.
 */
export async function redeemInvitation(db: Db, tokens: SessionTokens, token: string, now = new Date()): Promise<Redemption> {
  const invitation = await findInvitationByTokenHash(db, hashInvitationToken(token));
  if (!invitation) throw new NotFoundError('This invitation link is not valid. Check that you copied the whole link.');
  return openInvitation(db, tokens, invitation, now);
}

/**
 * What redeeming does once the invitation is found (by its link's token, or from the candidate's portal): refuses a
 * withdrawn or expired one (410) and a finished interview (409), else opens it and issues the session.
 */
export async function openInvitation(db: Db, tokens: SessionTokens, invitation: RedeemableInvitation, now: Date): Promise<Redemption> {
  if (invitation.revoked_at || invitation.status === 'revoked') throw new GoneError('This invitation was withdrawn by the organisation.');
  if (new Date(invitation.expires_at) <= now || invitation.status === 'expired') {
    throw new GoneError('This invitation has expired. Ask the organisation for a new one.');
  }
  return db.transaction().execute(async (trx) => {
    await markInvitationOpened(trx, invitation.id, now);
    const interviewId = await claimInterview(trx, invitation, now);
    const status = await interviewStatus(trx, interviewId);
    if (status === 'completed' || status === 'cancelled') throw new ConflictError('This interview has already finished.');
    // One live session per interview: opening the link again (another tab, another device) ends the earlier one.
    await revokeSessionsOfInvitation(trx, { id: invitation.id, interview_id: interviewId }, now);
    const sessionId = randomUUID();
    const owner = { application_id: invitation.application_id, candidate_id: invitation.candidate_id, organisation_id: invitation.organisation_id };
    const issued = await tokens.issue({ kind: 'interview', session_id: sessionId, interview_id: interviewId, owner }, now);
    await insertSession(trx, { id: sessionId, interview_id: interviewId, invitation_id: invitation.id, expires_at: new Date(issued.expires_at), created_at: now });
    return {
      session_token: issued.token,
      expires_at: issued.expires_at,
      interview: { id: interviewId, status: status ?? 'scheduled' },
      lobby: buildLobby(invitation, await listConsents(trx, interviewId), invitation.expires_at),
    };
  });
}
