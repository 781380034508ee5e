import { createHmac } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { api, devIssuer, devKeys, expectProblem, tokenFor, uniqueEmail } from '../support/api';

/** Every way a bearer token can be wrong, against the production validation code behind /api/me. */

const b64url = (value: object | string) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

async function signWithDevKey(claims: Record<string, unknown>, options: { issuer?: string; audience?: string; exp?: number; nbf?: number } = {}) {
  const keys = devKeys();
  const issuer = devIssuer();
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ oid: 'b2b0c6a0-0000-4000-8000-000000000001', email: uniqueEmail('claims'), ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: keys.kid })
    .setIssuer(options.issuer ?? issuer.issuer)
    .setAudience(options.audience ?? (issuer.audience as string))
    .setSubject('b2b0c6a0-0000-4000-8000-000000000001')
    .setIssuedAt(now - 10)
    .setNotBefore(options.nbf ?? now - 10)
    .setExpirationTime(options.exp ?? now + 600)
    .sign(await importJWK(keys.privateJwk, 'RS256'));
}

async function expectRejected(authorization: string | undefined, detail: RegExp) {
  const response = await api('/api/me', { headers: authorization === undefined ? {} : { authorization } });
  const problem = expectProblem(response, 401);
  expect(problem.detail).toMatch(detail);
  expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
}

describe('bearer token validation', () => {
  it('accepts a valid dev-issuer token and provisions the user on first sign-in', async () => {
    const email = uniqueEmail();
    const first = await api<{ user: { id: string; email: string } }>('/api/me', { token: await tokenFor(email) });
    expect(first.status).toBe(200);
    expect(first.body.user.email).toBe(email);
    const second = await api<{ user: { id: string } }>('/api/me', { token: await tokenFor(email) });
    expect(second.body.user.id).toBe(first.body.user.id);
  });

  it('rejects a missing Authorization header', () => expectRejected(undefined, /Bearer token is required/));

  it.each([['Basic dXNlcjpwYXNz'], ['Bearer'], ['Bearer not-a-jwt'], ['Bearer a.b'], ['bearer']])(
    'rejects the malformed header %p',
    (header) => expectRejected(header, /must be "Bearer <JWT>"|required/),
  );

  it('rejects a token whose segments are not JSON', () => expectRejected('Bearer aaa.bbb.ccc', /not a well-formed JWT/));

  it('rejects an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRejected(`Bearer ${await signWithDevKey({}, { exp: now - 120, nbf: now - 600 })}`, /expired/);
  });

  it('rejects a token that is not valid yet', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRejected(`Bearer ${await signWithDevKey({}, { nbf: now + 300 })}`, /not valid yet/);
  });

  it('rejects a token from an untrusted issuer', async () => {
    await expectRejected(`Bearer ${await signWithDevKey({}, { issuer: 'https://login.example.org/evil/v2.0' })}`, /trusted issuer/);
  });

  it('rejects a token for another audience', async () => {
    await expectRejected(`Bearer ${await signWithDevKey({}, { audience: 'api://someone-else' })}`, /audience/);
  });

  it('rejects alg: none', async () => {
    const payload = { iss: devIssuer().issuer, aud: devIssuer().audience, sub: 'x', exp: Math.floor(Date.now() / 1000) + 600 };
    await expectRejected(`Bearer ${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(payload)}.`, /none are not accepted/);
  });

  it('rejects HS256 signed with the public key (algorithm confusion)', async () => {
    const publicJwk = devKeys().publicJwk as JWK & { n: string };
    const header = b64url({ alg: 'HS256', typ: 'JWT', kid: devKeys().kid });
    const payload = b64url({ iss: devIssuer().issuer, aud: devIssuer().audience, sub: 'x', exp: Math.floor(Date.now() / 1000) + 600 });
    const signature = createHmac('sha256', JSON.stringify(publicJwk)).update(`${header}.${payload}`).digest('base64url');
    await expectRejected(`Bearer ${header}.${payload}.${signature}`, /HS256 are not accepted/);
  });

  it('rejects a token signed with a key whose kid is unknown', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({ oid: 'x' })
      .setProtectedHeader({ alg: 'RS256', kid: 'not-in-the-jwks' })
      .setIssuer(devIssuer().issuer)
      .setAudience(devIssuer().audience as string)
      .setSubject('x')
      .setExpirationTime('10m')
      .sign(privateKey);
    await expectRejected(`Bearer ${token}`, /unknown key/);
  });

  it('rejects a token signed by another key that claims the known kid', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    expect((await exportJWK(publicKey)).n).not.toBe(devKeys().publicJwk.n);
    const token = await new SignJWT({ oid: 'x' })
      .setProtectedHeader({ alg: 'RS256', kid: devKeys().kid })
      .setIssuer(devIssuer().issuer)
      .setAudience(devIssuer().audience as string)
      .setSubject('x')
      .setExpirationTime('10m')
      .sign(privateKey);
    await expectRejected(`Bearer ${token}`, /signature is invalid/);
  });

  it('rejects a tampered payload', async () => {
    const [header, , signature] = (await tokenFor(uniqueEmail())).split('.');
    const forged = b64url({ iss: devIssuer().issuer, aud: devIssuer().audience, sub: 'admin', oid: 'admin', exp: Math.floor(Date.now() / 1000) + 600 });
    await expectRejected(`Bearer ${header}.${forged}.${signature}`, /signature is invalid/);
  });
});
