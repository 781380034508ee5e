import {
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
} from 'jose';
import type { TrustedIssuer } from '../config/settings';
import { ServiceUnavailableError, UnauthenticatedError } from '../errors';

/** Entra ID signs access tokens with RS256; nothing else is accepted (no `none`, no HMAC confusion). */
export const ALLOWED_ALGORITHMS = ['RS256'];

export interface VerifiedToken {
  issuer: string;
  /** Entra's object id (stable across applications) when present, else `sub`. */
  subject: string;
  /** The `email` claim; preferred_username and upn are sign-in names, not addresses, and never read. */
  email: string | null;
  /**
   * The issuer vouches for `email`: it came in the `email` claim with `email_verified` or Entra's optional
   * `xms_edov` (email domain owner verified) set to true. preferred_username and upn never count.
   */
  emailVerified: boolean;
  displayName: string | null;
  claims: JWTPayload;
}

export interface TokenValidatorOptions {
  clockToleranceSeconds: number;
  jwksCooldownSeconds: number;
  /** Claims a token must carry; `exp` and `sub` unless a service's tokens (ACS callbacks) name no subject. */
  requiredClaims?: string[];
}

const USER_CLAIMS = ['exp', 'sub'];

type KeySet = ReturnType<typeof createRemoteJWKSet>;

// The scheme is case-insensitive (RFC 9110 §11.1); the token itself is not.
const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/i;

function claimString(claims: JWTPayload, name: string): string | null {
  const value = claims[name];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** Validates Entra ID access tokens against each trusted issuer's JWKS. */
export class TokenValidator {
  readonly #issuers: Map<string, { config: TrustedIssuer; keys: KeySet }>;

  constructor(issuers: TrustedIssuer[], private readonly options: TokenValidatorOptions) {
    this.#issuers = new Map(
      issuers.map((config) => [
        config.issuer,
        {
          config,
          // An unknown kid refetches the key set once per cooldown: rotation works, a flood of bad kids does not.
          keys: createRemoteJWKSet(new URL(config.jwksUri), {
            cooldownDuration: options.jwksCooldownSeconds * 1000,
            cacheMaxAge: 10 * 60 * 1000,
            timeoutDuration: 5000,
          }),
        },
      ]),
    );
  }

  async validate(authorization: string | null): Promise<VerifiedToken> {
    if (!authorization) throw new UnauthenticatedError('An Authorization: Bearer token is required.');
    const match = BEARER.exec(authorization.trim());
    if (!match?.[1]) throw new UnauthenticatedError('The Authorization header must be "Bearer <JWT>".');
    const token = match[1];

    let unverifiedIssuer: string | null;
    try {
      const header = decodeProtectedHeader(token);
      if (typeof header.alg !== 'string' || !ALLOWED_ALGORITHMS.includes(header.alg)) {
        throw new UnauthenticatedError(`Tokens signed with ${String(header.alg)} are not accepted.`);
      }
      unverifiedIssuer = claimString(decodeJwt(token), 'iss');
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      throw new UnauthenticatedError('The token is not a well-formed JWT.');
    }
    const trusted = unverifiedIssuer ? this.#issuers.get(unverifiedIssuer) : undefined;
    if (!trusted) throw new UnauthenticatedError('The token was not issued by a trusted issuer.');

    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, trusted.keys, {
        issuer: trusted.config.issuer,
        audience: trusted.config.audience,
        algorithms: ALLOWED_ALGORITHMS,
        clockTolerance: this.options.clockToleranceSeconds,
        requiredClaims: this.options.requiredClaims ?? USER_CLAIMS,
      }));
    } catch (error) {
      throw describeVerificationFailure(error);
    }
    // A service's token without a subject speaks for its issuer.
    const subject = claimString(claims, 'oid') ?? claimString(claims, 'sub') ?? (this.options.requiredClaims?.includes('sub') === false ? trusted.config.issuer : null);
    if (!subject) throw new UnauthenticatedError('The token has no subject.');
    const email = claimString(claims, 'email');
    return {
      issuer: trusted.config.issuer,
      subject,
      email,
      emailVerified: email !== null && (claims.email_verified === true || claims.xms_edov === true),
      displayName: claimString(claims, 'name'),
      claims,
    };
  }
}

function describeVerificationFailure(error: unknown): Error {
  if (error instanceof joseErrors.JWTExpired) return new UnauthenticatedError('The token has expired.');
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    const reasons: Record<string, string> = {
      nbf: 'The token is not valid yet.',
      iss: 'The token was not issued by a trusted issuer.',
      aud: 'The token is not meant for this API (audience).',
    };
    return new UnauthenticatedError(reasons[error.claim] ?? `The token's ${error.claim} claim is invalid.`);
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey) return new UnauthenticatedError('The token was signed with an unknown key.');
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return new UnauthenticatedError('The token signature is invalid.');
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid) {
    return new ServiceUnavailableError('The sign-in key service is unavailable; try again shortly.', 5);
  }
  if (error instanceof joseErrors.JOSEError) return new UnauthenticatedError('The token is invalid.');
  // Anything else is the key service failing to answer (refused, reset, DNS): not the caller's fault.
  return new ServiceUnavailableError(
    'The sign-in key service is unreachable; try again shortly.',
    5,
  );
}
