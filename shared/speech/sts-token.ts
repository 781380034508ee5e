/** STS authorization tokens are valid for ten minutes (the original answered expiresIn: 600). */
export const STS_TOKEN_LIFETIME_MS = 600_000;

/**
 * When an STS token stops being valid: ten minutes after it was issued, or earlier when its own `exp` claim (the
 * token is a JWT) says so.
 */
export function stsTokenExpiry(token: string, issuedAt: number): number {
  const tenMinutes = issuedAt + STS_TOKEN_LIFETIME_MS;
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? Math.min(tenMinutes, payload.exp * 1000) : tenMinutes;
  } catch {
    return tenMinutes;
  }
}

/** An STS answer we can hand to the browser: one opaque token, no whitespace, of a sane length. */
export function isPlausibleStsToken(text: string): boolean {
  return /^[A-Za-z0-9._~+/=-]{20,8000}$/.test(text);
}
