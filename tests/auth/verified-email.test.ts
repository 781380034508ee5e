import { randomUUID } from 'node:crypto';
import { signDevToken } from '../../shared/auth/dev-issuer';
import { api, devIssuer, devKeys, openDatabase, uniqueEmail } from '../support/api';

type Me = { user: { id: string; email: string | null } };

/** A token for one identity (fixed oid) carrying whatever email claim the issuer put in it. */
const tokenWith = (objectId: string, email: string, emailVerified: boolean) => signDevToken(devKeys(), devIssuer(), { objectId, email, emailVerified });

function storedEmail(userId: string): unknown {
  const db = openDatabase();
  try {
    return (db.prepare('select email from users where id = ?').get(userId) as { email: string | null }).email;
  } finally {
    db.close();
  }
}

describe('the stored email of a user', () => {
  it('changes only to an email the issuer vouches for: an unverified claim leaves it as it was', async () => {
    const objectId = randomUUID();
    const first = uniqueEmail('verified');
    const me = await api<Me>('/api/me', { token: await tokenWith(objectId, first, true) });
    expect(me.body.user.email).toBe(first);

    const claimed = uniqueEmail('unverified');
    const unverified = await api<Me>('/api/me', { token: await tokenWith(objectId, claimed, false) });
    expect(unverified.status).toBe(200);
    expect(unverified.body.user).toMatchObject({ id: me.body.user.id, email: first });
    expect(storedEmail(me.body.user.id)).toBe(first);

    const changed = uniqueEmail('changed');
    expect((await api<Me>('/api/me', { token: await tokenWith(objectId, changed, true) })).body.user.email).toBe(changed);
    expect(storedEmail(me.body.user.id)).toBe(changed);
  });

  it('is not set from an unverified claim on first sign-in either', async () => {
    const me = await api<Me>('/api/me', { token: await tokenWith(randomUUID(), uniqueEmail('first-unverified'), false) });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBeNull();
    expect(storedEmail(me.body.user.id)).toBeNull();
  });
});
