import type { Db } from '../db/database';
import { hasCandidateRecords } from '../db/repositories/users';
import type { Caller } from './caller';

/** What the frontend routes by: staff (a member of an organisation), candidate (has applied or has a profile), or new. */
export const USER_KINDS = ['staff', 'candidate', 'new'] as const;
export type UserKind = (typeof USER_KINDS)[number];

export async function kindOfUser(db: Db, caller: Caller): Promise<UserKind> {
  if (caller.memberships.length > 0) return 'staff';
  return (await hasCandidateRecords(db, caller.user.id)) ? 'candidate' : 'new';
}
