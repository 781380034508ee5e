import type { Db } from '../database';
import { readTimestamp } from '../values';

/** The Communication Services identity kept for one user (a staff member or a candidate), made once. */
export interface AcsIdentity {
  user_id: string;
  communication_user_id: string;
  created_at: string;
}

export async function findAcsIdentity(db: Db, userId: string): Promise<AcsIdentity | null> {
  const row = await db.selectFrom('acs_identities').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return row ? { user_id: row.user_id, communication_user_id: row.communication_user_id, created_at: readTimestamp(row.created_at) } : null;
}

/** Fails with a unique violation when the user already has one (a concurrent first call stored it). */
export async function insertAcsIdentity(db: Db, identity: { user_id: string; communication_user_id: string; created_at: Date }): Promise<void> {
  await db.insertInto('acs_identities').values(identity).execute();
}
