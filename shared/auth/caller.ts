import type { Membership, User } from '../domain/models';

/** The signed-in user behind a request, with the organisations they belong to. */
export interface Caller {
  user: User;
  memberships: Membership[];
  /** The token carries the platform operator app role (docs/privacy.md): whole-platform jobs such as retention. */
  operator: boolean;
  /** The sign-in's email, lower-cased, only when the issuer vouches for it (VerifiedToken.emailVerified); else null. */
  verified_email: string | null;
}

/** The Entra app role, in the token's `roles` claim, of the people who run the platform. */
export const OPERATOR_APP_ROLE = 'Talenti.Operator';

export function hasOperatorRole(claims: { [name: string]: unknown }): boolean {
  return Array.isArray(claims.roles) && claims.roles.includes(OPERATOR_APP_ROLE);
}
