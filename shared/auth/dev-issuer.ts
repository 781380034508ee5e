import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import type { TrustedIssuer } from '../config/settings';

/**
 * A local stand-in for Entra ID: an RSA key pair kept in the data folder, a JWKS the local host serves and
 * tokens shaped like Entra's. Validation goes through exactly the production code path.
 */
export interface DevKeys {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

export async function loadOrCreateDevKeys(dataDir: string): Promise<DevKeys> {
  const path = join(dataDir, 'dev-issuer', 'signing-key.json');
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as DevKeys;
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  const keys: DevKeys = {
    kid,
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
  };
  mkdirSync(join(dataDir, 'dev-issuer'), { recursive: true });
  writeFileSync(path, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}

export function devJwks(keys: DevKeys): { keys: JWK[] } {
  return { keys: [keys.publicJwk] };
}

/** Stable object id per email, so the same developer is the same user across tokens. */
export function devObjectId(email: string): string {
  const hex = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface DevTokenRequest {
  email: string;
  name?: string;
  expiresInSeconds?: number;
  /** The identity (oid) the token is for; by default one derived from the email, so an email is one person. */
  objectId?: string;
  /** Whether the token vouches for the email (Entra's xms_edov); dev tokens do unless told otherwise. */
  emailVerified?: boolean;
  /** Entra app roles, e.g. the operator role (shared/auth/caller.ts). */
  roles?: string[];
}

export async function signDevToken(keys: DevKeys, issuer: TrustedIssuer, request: DevTokenRequest): Promise<string> {
  const key = await importJWK(keys.privateJwk, 'RS256');
  const oid = request.objectId ?? devObjectId(request.email);
  const audience = Array.isArray(issuer.audience) ? issuer.audience[0] : issuer.audience;
  const roles = request.roles?.length ? { roles: request.roles } : {};
  const claims = { oid, email: request.email, name: request.name ?? request.email.split('@')[0], ver: '2.0', xms_edov: request.emailVerified ?? true, ...roles };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: keys.kid, typ: 'JWT' })
    .setIssuer(issuer.issuer)
    .setAudience(audience ?? '')
    .setSubject(oid)
    .setIssuedAt()
    .setNotBefore('0s')
    .setExpirationTime(`${request.expiresInSeconds ?? 3600}s`)
    .sign(key);
}
