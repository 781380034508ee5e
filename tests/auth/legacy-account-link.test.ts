import { randomUUID } from 'node:crypto';
import { signDevToken } from '../../shared/auth/dev-issuer';
import { LEGACY_ISSUER } from '../../shared/db/repositories/users';
import { api, devIssuer, devKeys, expectProblem, openDatabase, tokenFor, uniqueEmail } from '../support/api';

/**
 * A user brought across from Supabase (issuer LEGACY_ISSUER, subject = old id, confirmed email) becomes the
 * Entra user who first signs in with that verified email, keeping its id and so all its data.
 */
function insertLegacyUser(email: string | null): string {
  const id = randomUUID();
  const db = openDatabase();
  try {
    db.prepare('insert into users (id, issuer, subject, email, display_name, created_at, last_sign_in_at) values (?, ?, ?, ?, ?, ?, ?)').run(
      id, LEGACY_ISSUER, id, email, null, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z',
    );
  } finally {
    db.close();
  }
  return id;
}

function identityOf(id: string) {
  const db = openDatabase();
  try {
    return db.prepare('select issuer, subject from users where id = ?').get(id);
  } finally {
    db.close();
  }
}

type Me = { user: { id: string; email: string } };

describe('first sign-in of a migrated user', () => {
  it('links the one migrated user with that verified email, whatever its case, and only once', async () => {
    const email = uniqueEmail('legacy');
    const id = insertLegacyUser(email);
    const token = await tokenFor(email.toUpperCase());
    const [first, second] = await Promise.all([api<Me>('/api/me', { token }), api<Me>('/api/me', { token })]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect([first.body.user.id, second.body.user.id]).toEqual([id, id]);
    expect(identityOf(id)).toEqual({ issuer: devIssuer().issuer, subject: expect.not.stringMatching(id) });

    // Claimed: another identity with the same email is someone else.
    const other = await signDevToken(devKeys(), devIssuer(), { email: `other.${email}` });
    expect((await api<Me>('/api/me', { token: other })).body.user.id).not.toBe(id);
  });

  it('does not link on an email the token does not vouch for', async () => {
    const email = uniqueEmail('legacy-unverified');
    const id = insertLegacyUser(email);
    const token = await signDevToken(devKeys(), devIssuer(), { email, emailVerified: false });
    const me = await api<Me>('/api/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.user.id).not.toBe(id);
    expect(identityOf(id)).toEqual({ issuer: LEGACY_ISSUER, subject: id });
  });

  it('refuses sign-in while several migrated users share the email, and creates no account', async () => {
    const email = uniqueEmail('legacy-shared');
    const ids = [insertLegacyUser(email), insertLegacyUser(email)];
    const problem = expectProblem(await api('/api/me', { token: await tokenFor(email) }), 409);
    expect(String(problem.detail)).toMatch(/ask support to link/);
    const db = openDatabase();
    try {
      expect(db.prepare('select id from users where email = ? order by id').all(email)).toEqual(ids.sort().map((id) => ({ id })));
    } finally {
      db.close();
    }
  });
});
