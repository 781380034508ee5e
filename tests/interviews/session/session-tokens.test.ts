import { SignJWT } from 'jose';
import { SessionTokens } from '../../../shared/interviews/session/session-tokens';

/**
 * An invited interview's session token names whose interview it reaches (application, candidate, organisation), so
 * the turn can prove the session in its own read; a token issued before it did still verifies, without an owner.
 */
const SECRET = 'a-test-secret-of-thirty-two-characters!';
const tokens = new SessionTokens(SECRET, 3600);
const owner = { application_id: '0b0e3f5e-51d2-4c47-9d1e-2a4f1b9a0c11', candidate_id: '5d6c1a2b-3e4f-4a5b-8c7d-9e0f1a2b3c4d', organisation_id: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d' };

describe('interview session tokens', () => {
  it("carries the interview's owner and expiry, signed", async () => {
    const now = new Date();
    const { token, expires_at } = await tokens.issue({ kind: 'interview', session_id: 's-1', interview_id: 'i-1', owner }, now);
    expect(await tokens.verify(token)).toEqual({ kind: 'interview', session_id: 's-1', interview_id: 'i-1', owner, expires_at: new Date(Math.floor(new Date(expires_at).getTime() / 1000) * 1000).toISOString() });
  });

  it('verifies a token issued without an owner, which then gives none', async () => {
    const { token } = await tokens.issue({ kind: 'interview', session_id: 's-2', interview_id: 'i-2' });
    const claims = await tokens.verify(token);
    expect(claims).toMatchObject({ kind: 'interview', session_id: 's-2', interview_id: 'i-2' });
    expect(claims.kind === 'interview' && claims.owner).toBeUndefined();
  });

  it('refuses a token whose owner was changed or that another key signed', async () => {
    const { token } = await tokens.issue({ kind: 'interview', session_id: 's-3', interview_id: 'i-3', owner });
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, cid: 'someone-else' })).toString('base64url')}.${signature}`;
    await expect(tokens.verify(tampered)).rejects.toThrow(/invalid/);
    const forged = await new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('another-secret-of-thirty-two-chars!!'));
    await expect(tokens.verify(forged)).rejects.toThrow(/invalid/);
  });
});
