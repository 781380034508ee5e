import { z } from 'zod';
import type { Db } from '../db/database';
import { findAccountType, setAccountTypeOnce } from '../db/repositories/users';
import { ACCOUNT_TYPES, type AccountType } from '../domain/value-sets';
import { ConflictError, ForbiddenError } from '../errors';
import type { Caller } from './caller';

export const AccountTypeInput = z.strictObject({ account_type: z.enum(ACCOUNT_TYPES) }).meta({ id: 'AccountTypeRequest' });
export type AccountTypeInput = z.infer<typeof AccountTypeInput>;

/**
 * The sign-up choice as it counts: the stored one, else `organisation` for a member of an organisation (someone who
 * accepted a member invitation never chose, and counts as an organisation user), else null (not chosen yet).
 */
export async function accountTypeOf(db: Db, caller: Caller): Promise<AccountType | null> {
  return (await findAccountType(db, caller.user.id)) ?? (caller.memberships.length > 0 ? 'organisation' : null);
}

/** Made once: the same choice again is a no-op (a retried PUT), another one is a conflict. */
export async function chooseAccountType(db: Db, caller: Caller, input: AccountTypeInput): Promise<AccountType> {
  const current = await accountTypeOf(db, caller);
  if (current === null && (await setAccountTypeOnce(db, caller.user.id, input.account_type))) return input.account_type;
  const chosen = current ?? (await findAccountType(db, caller.user.id));
  if (chosen !== input.account_type) throw new ConflictError(`This account is already a "${chosen}" account; the choice is made once.`);
  return input.account_type;
}

/** Only organisation users (and members by invitation) create organisations; candidates cannot. */
export async function requireOrganisationAccount(db: Db, caller: Caller): Promise<void> {
  if ((await accountTypeOf(db, caller)) === 'organisation') return;
  throw new ForbiddenError('Only organisation accounts can create an organisation: choose "organisation" first (PUT /api/me/account-type), or accept an invitation to one.');
}
