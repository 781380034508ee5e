import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { UnauthenticatedError } from '../../errors';

/**
 * A candidate reaches their interview with a short-lived session token, not an Entra sign-in: an HS256 JWT
 * signed by this backend, naming one interview and one session row (which can be revoked).
 */
const ISSUER = 'talenti/interview-session';
const AUDIENCE = 'talenti/interview';

/**
 * Whose interview a session reaches, fixed when it is issued. Tokens issued before it was carried have none; with
 * it, an endpoint whose own first read proves the session (the turn) needs no session read before it.
 */
export interface SessionOwner {
  application_id: string;
  candidate_id: string;
  organisation_id: string;
}

type PracticeClaims = { kind: 'practice'; session_id: string; practice_interview_id: string; user_id: string };

/** What a session token is issued for: an invited interview's session (`interview`), or a practice interview's (`practice`, naming its owner). */
export type SessionGrant = { kind: 'interview'; session_id: string; interview_id: string; owner?: SessionOwner } | PracticeClaims;

/** What a verified token says: the grant, and for an invited interview when the session expires. */
export type SessionClaims = (Extract<SessionGrant, { kind: 'interview' }> & { expires_at: string }) | PracticeClaims;

const PRACTICE_AUDIENCE = 'talenti/practice-interview';

export class SessionTokens {
  readonly #key: Uint8Array;

  constructor(secret: string, readonly ttlSeconds: number) {
    this.#key = new TextEncoder().encode(secret);
  }

  async issue(claims: SessionGrant, now = new Date()): Promise<{ token: string; expires_at: string }> {
    const expires = new Date(now.getTime() + this.ttlSeconds * 1000);
    const practice = claims.kind === 'practice';
    const owner = !practice && claims.owner ? { aid: claims.owner.application_id, cid: claims.owner.candidate_id, oid: claims.owner.organisation_id } : {};
    const token = await new SignJWT(practice ? { uid: claims.user_id } : owner)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(practice ? PRACTICE_AUDIENCE : AUDIENCE)
      .setSubject(practice ? claims.practice_interview_id : claims.interview_id)
      .setJti(claims.session_id)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(expires.getTime() / 1000))
      .sign(this.#key);
    return { token, expires_at: expires.toISOString() };
  }

  /** True when the token claims to be one of ours (so the handler does not try Entra validation on it). */
  static looksLikeSessionToken(token: string): boolean {
    try {
      const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { iss?: unknown };
      return payload.iss === ISSUER;
    } catch {
      return false;
    }
  }

  async verify(token: string): Promise<SessionClaims> {
    try {
      const { payload } = await jwtVerify(token, this.#key, { issuer: ISSUER, audience: [AUDIENCE, PRACTICE_AUDIENCE], algorithms: ['HS256'], requiredClaims: ['jti', 'sub', 'exp'] });
      const session_id = payload.jti as string;
      if (payload.aud !== PRACTICE_AUDIENCE) {
        const { aid, cid, oid } = payload;
        const owner = typeof aid === 'string' && typeof cid === 'string' && typeof oid === 'string' ? { application_id: aid, candidate_id: cid, organisation_id: oid } : undefined;
        return { kind: 'interview', session_id, interview_id: payload.sub as string, owner, expires_at: new Date((payload.exp as number) * 1000).toISOString() };
      }
      if (typeof payload.uid !== 'string') throw new UnauthenticatedError('The interview session token is invalid.');
      return { kind: 'practice', session_id, practice_interview_id: payload.sub as string, user_id: payload.uid };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new UnauthenticatedError('The interview session has expired; open the invitation link again.');
      throw new UnauthenticatedError('The interview session token is invalid.');
    }
  }
}
