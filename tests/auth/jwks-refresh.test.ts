import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { TokenValidator } from '../../shared/auth/token-validator';

/** A JWKS endpoint we control, counting fetches, to prove key rotation and the refetch cooldown. */
describe('JWKS refresh on an unknown kid', () => {
  let server: Server;
  let published: JWK[] = [];
  let fetches = 0;
  let issuer: string;
  const keys: Record<string, KeyLike> = {};

  async function addKey(kid: string): Promise<void> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    keys[kid] = privateKey;
    published.push({ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' });
  }

  const sign = (kid: string) =>
    new SignJWT({ oid: 'u1' })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(issuer)
      .setAudience('api://test')
      .setSubject('u1')
      .setExpirationTime('5m')
      .sign(keys[kid] as KeyLike);

  beforeAll(async () => {
    server = createServer((_req, res) => {
      fetches++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: published }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await addKey('first');
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('picks up a rotated key with one refetch once the cooldown since the last fetch is over', async () => {
    const validator = new TokenValidator([{ issuer, jwksUri: `${issuer}/keys`, audience: 'api://test' }], {
      clockToleranceSeconds: 0,
      jwksCooldownSeconds: 1,
    });
    const before = fetches;
    await expect(validator.validate(`Bearer ${await sign('first')}`)).resolves.toMatchObject({ subject: 'u1' });
    expect(fetches - before).toBe(1);

    await addKey('second'); // the issuer rotates
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await expect(validator.validate(`Bearer ${await sign('second')}`)).resolves.toMatchObject({ subject: 'u1' });
    expect(fetches - before).toBe(2);
  });

  it('does not refetch for every unknown kid within the cooldown (no refetch storm from forged kids)', async () => {
    // A cooldown far longer than the test, so a slow machine cannot end it halfway.
    const validator = new TokenValidator([{ issuer, jwksUri: `${issuer}/keys`, audience: 'api://test' }], {
      clockToleranceSeconds: 0,
      jwksCooldownSeconds: 600,
    });
    const before = fetches;
    await expect(validator.validate(`Bearer ${await sign('first')}`)).resolves.toMatchObject({ subject: 'u1' });
    await addKey('forged-kid');
    published = published.filter((k) => k.kid !== 'forged-kid'); // a kid nobody publishes
    for (let i = 0; i < 5; i++) {
      await expect(validator.validate(`Bearer ${await sign('forged-kid')}`)).rejects.toThrow(/unknown key/);
    }
    expect(fetches - before).toBe(1);
  });

  it('answers 503-class errors, not 401, when the key service is unreachable', async () => {
    const validator = new TokenValidator([{ issuer, jwksUri: 'http://127.0.0.1:9/keys', audience: 'api://test' }], {
      clockToleranceSeconds: 0,
      jwksCooldownSeconds: 30,
    });
    await expect(validator.validate(`Bearer ${await sign('first')}`)).rejects.toMatchObject({ kind: 'unavailable' });
  });
});
