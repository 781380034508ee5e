import type { CommunicationIdentityClient, TokenScope } from '@azure/communication-identity';
import { z } from 'zod';
import type { Caller } from '../auth/caller';
import type { DbScope } from '../db/scopes';
import { isUniqueViolation } from '../db/errors';
import { findAcsIdentity, insertAcsIdentity } from '../db/repositories/acs-identities';
import { appendAudit } from '../db/repositories/audit-log';
import type { InterviewSession } from '../domain/interview-session';
import { ServiceUnavailableError, UnauthenticatedError, UpstreamError } from '../errors';
import type { Logger } from '../observability/logger';

/** The original body, with the scopes a browser call or chat can use; `userId` (an application id) is ignored. */
export const AcsTokenRequest = z
  .strictObject({
    scopes: z
      .union([z.tuple([z.literal('voip')]), z.tuple([z.literal('chat')]), z.tuple([z.literal('voip'), z.literal('chat')])])
      .optional()
      .describe("['voip'] (default), ['chat'] or ['voip', 'chat']."),
    userId: z.string().max(200).optional().describe('Sent by the former client and ignored: the identity is always the caller’s own.'),
  })
  .meta({ id: 'AcsTokenRequest' });

export type AcsTokenRequest = z.infer<typeof AcsTokenRequest>;

export interface AcsToken {
  token: string;
  expiresOn: string;
  user: { communicationUserId: string };
}

/** The shortest lifetime ACS allows: the browser refreshes five minutes before it ends. */
const TOKEN_LIFETIME_MINUTES = 60;
const ACS_TIMEOUT_MS = 10_000;

/** Whose identity a call is for: the signed-in user, or the candidate of an interview session. */
export function identityOwnerOf(caller: Caller | null, session: InterviewSession | null): string {
  const owner = caller?.user.id ?? session?.candidate_id;
  if (!owner) throw new UnauthenticatedError('Sign in or open your interview first.');
  return owner;
}

export async function callAcs<T>(call: (abortSignal: AbortSignal) => Promise<T>, what: string, log: Logger): Promise<T> {
  try {
    return await call(AbortSignal.timeout(ACS_TIMEOUT_MS));
  } catch (error) {
    const statusCode = (error as { statusCode?: unknown }).statusCode;
    const status = typeof statusCode === 'number' ? statusCode : null;
    log.warn('communication services call failed', { what, status, reason: error instanceof Error ? error.name : 'unknown' });
    if (status !== null && status < 500 && status !== 408 && status !== 429) {
      throw new UpstreamError(`Communication Services refused to issue ${what} (status ${status}).`);
    }
    throw new ServiceUnavailableError(`Communication Services is busy or unreachable for ${what}; try again shortly.`, 5);
  }
}

/**
 * The user's one ACS identity: the stored one, or a new one stored with an audit row. When concurrent first calls
 * both create one, the database keeps the first (primary key on user_id) and the other is deleted again at ACS.
 */
export async function identityOf(data: DbScope, client: CommunicationIdentityClient, ownerId: string, context: { ipAddress: string; log: Logger }): Promise<string> {
  const stored = await data.run((db) => findAcsIdentity(db, ownerId));
  if (stored) return stored.communication_user_id;
  const created = await callAcs((abortSignal) => client.createUser({ abortSignal }), 'an identity', context.log);
  const now = new Date();
  try {
    await data.transaction(async (trx) => {
      await insertAcsIdentity(trx, { user_id: ownerId, communication_user_id: created.communicationUserId, created_at: now });
      await appendAudit(
        trx,
        { user_id: ownerId, organisation_id: null, action: 'acs_identity_created', entity_type: 'acs_identity', entity_id: ownerId, ip_address: context.ipAddress },
        now,
      );
    });
    return created.communicationUserId;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await data.run((db) => findAcsIdentity(db, ownerId));
    if (!winner) throw error;
    await client.deleteUser(created, { abortSignal: AbortSignal.timeout(ACS_TIMEOUT_MS) }).catch(() => context.log.warn('could not delete a duplicate ACS identity'));
    return winner.communication_user_id;
  }
}

/** An ACS access token for the owner's identity, for the Calling (voip) or Chat SDK in the browser. */
export async function issueAcsToken(
  data: DbScope,
  client: CommunicationIdentityClient | null,
  ownerId: string,
  request: AcsTokenRequest | undefined,
  context: { ipAddress: string; log: Logger },
): Promise<AcsToken> {
  if (!client) {
    throw new ServiceUnavailableError('Azure Communication Services is not configured on this server: set ACS_ENDPOINT (managed identity) or ACS_CONNECTION_STRING.');
  }
  const scopes: TokenScope[] = request?.scopes ?? ['voip'];
  const communicationUserId = await identityOf(data, client, ownerId, context);
  const issued = await callAcs(
    (abortSignal) => client.getToken({ communicationUserId }, scopes, { tokenExpiresInMinutes: TOKEN_LIFETIME_MINUTES, abortSignal }),
    'a token',
    context.log,
  );
  return { token: issued.token, expiresOn: issued.expiresOn.toISOString(), user: { communicationUserId } };
}
