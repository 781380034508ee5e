import type { Db } from '../db/database';
import { listMemberships, provisionUser } from '../db/repositories/users';
import type { Membership, User } from '../domain/models';
import type { VerifiedToken } from './token-validator';

/** The signed-in user behind a request, with the organisations they belong to. */
export interface Caller {
  user: User;
  memberships: Membership[];
}

export async function resolveCaller(db: Db, token: VerifiedToken): Promise<Caller> {
  const user = await provisionUser(db, {
    issuer: token.issuer,
    subject: token.subject,
    email: token.email,
    displayName: token.displayName,
  });
  return { user, memberships: await listMemberships(db, user.id) };
}
