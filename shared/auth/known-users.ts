import type { SignInIdentity } from '../db/repositories/users';
import type { User } from '../domain/models';

const MOST_USERS = 1_000;
/** Short, so an account changed or erased elsewhere is seen again within a minute. */
const REMEMBER_MS = 60_000;

/**
 * The users this instance provisioned lately, by token identity: a signed-in user's next requests skip the
 * provisioning read while the token's name, e-mail and its verification stay as they were (a newly verified
 * e-mail is stored and attaches what was invited to it). Bounded: the oldest is forgotten first.
 */
export class KnownUsers {
  readonly #users = new Map<string, { user: User; email: string | null; emailVerified: boolean; displayName: string | null; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  find(identity: SignInIdentity): User | null {
    const key = `${identity.issuer}\n${identity.subject}`;
    const known = this.#users.get(key);
    if (!known) return null;
    if (this.now() - known.at > REMEMBER_MS || known.email !== identity.email || known.emailVerified !== identity.emailVerified || known.displayName !== identity.displayName) {
      this.#users.delete(key);
      return null;
    }
    return known.user;
  }

  remember(identity: SignInIdentity, user: User): void {
    const key = `${identity.issuer}\n${identity.subject}`;
    this.#users.delete(key);
    if (this.#users.size >= MOST_USERS) this.#users.delete(this.#users.keys().next().value as string);
    this.#users.set(key, { user, email: identity.email, emailVerified: identity.emailVerified, displayName: identity.displayName, at: this.now() });
  }
}
