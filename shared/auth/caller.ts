import type { Membership, User } from '../domain/models';

/** The signed-in user behind a request, with the organisations they belong to. */
export interface Caller {
  user: User;
  memberships: Membership[];
}
