import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

type CryptoKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export const ACS_ISSUER = 'https://acscallautomation.communication.azure.com';

/**
 * ACS's side of mid-call callbacks: its signing keys served as the jwks_uri of its OpenID configuration, and its
 * RS256 JWT for a callback (our resource id as audience), so tests post callbacks as Call Automation does.
 */
export interface FakeCallbackSigner {
  jwksUri: string;
  /** A callback JWT; by default valid for five minutes, for `resourceId`, signed with ACS's key. */
  jwt(options?: { key?: CryptoKey; audience?: string; expiresAt?: number }): Promise<string>;
  /** A key ACS does not publish. */
  foreignKey: CryptoKey;
  close(): Promise<void>;
}

export async function startFakeCallbackSigner(resourceId: string): Promise<FakeCallbackSigner> {
  const pair = await generateKeyPair('RS256');
  const foreignKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'acs-1', alg: 'RS256', use: 'sig' };
  const server: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    jwksUri: `http://127.0.0.1:${(server.address() as AddressInfo).port}/calling/keys`,
    jwt: (options = {}) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'RS256', kid: 'acs-1' })
        .setIssuer(ACS_ISSUER)
        .setAudience(options.audience ?? resourceId)
        .setIssuedAt(Math.floor(Date.now() / 1000) - 60)
        .setExpirationTime(options.expiresAt ?? Math.floor(Date.now() / 1000) + 300)
        .sign(options.key ?? pair.privateKey),
    foreignKey,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
