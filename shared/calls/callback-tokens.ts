import { createHmac } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { UnauthenticatedError } from '../errors';

const ISSUER = 'talenti/acs-callback';
const AUDIENCE = 'talenti/calls';
/** A call's callbacks arrive while it runs: an interview call is 15 minutes, a long staff call a few hours. */
const CALLBACK_TOKEN_SECONDS = 6 * 3600;

/**
 * The per-call token in a Call Automation callback URL's query: an HS256 JWT naming one interview, expiring, signed
 * with a key of its own derived from the session secret (a session token is never a callback token, nor the reverse).
 */
export class CallbackTokens {
  readonly #key: Uint8Array;

  constructor(secret: string, private readonly baseUrl: string | undefined) {
    this.#key = createHmac('sha256', secret).update('acs-callback-tokens').digest();
  }

  /** The callback URL for an interview's call; undefined without CALLBACK_BASE_URL (ACS then sends none). */
  async urlFor(interviewId: string, now = new Date()): Promise<string | undefined> {
    if (!this.baseUrl) return undefined;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(interviewId)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(now.getTime() / 1000) + CALLBACK_TOKEN_SECONDS)
      .sign(this.#key);
    return `${this.baseUrl}/api/calls/callbacks?token=${token}`;
  }

  /** The interview a callback URL's token names; 401 when it is missing, altered or expired. */
  async verify(token: string | null): Promise<string> {
    if (!token) throw new UnauthenticatedError('The callback URL carries no token.');
    try {
      const { payload } = await jwtVerify(token, this.#key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], requiredClaims: ['sub', 'exp'] });
      return payload.sub as string;
    } catch (error) {
      throw new UnauthenticatedError(error instanceof joseErrors.JWTExpired ? 'The callback token has expired.' : 'The callback token is invalid.');
    }
  }
}
