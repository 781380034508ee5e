import type { Db } from '../database';
import { firstRows } from '../dialect';

/**
 * Issuer of placeholder users: a person staff invited by email before they had an account. The subject is the
 * lower-cased address, so (issuer, subject) finds the one placeholder of an address through its unique key.
 */
export const INVITED_ISSUER = 'urn:talenti:invited';

/** The placeholder user of an invited address, if there is one. */
export async function findInvitedUser(db: Db, email: string): Promise<{ id: string } | null> {
  const row = await db.selectFrom('users').select('id').where('issuer', '=', INVITED_ISSUER).where('subject', '=', email.toLowerCase()).executeTakeFirst();
  return row ?? null;
}

export async function insertInvitedUser(db: Db, user: { id: string; email: string; display_name: string | null; now: Date }): Promise<void> {
  const email = user.email.toLowerCase();
  await db
    .insertInto('users')
    .values({ id: user.id, issuer: INVITED_ISSUER, subject: email, email, display_name: user.display_name, created_at: user.now, last_sign_in_at: user.now })
    .execute();
}

/** The candidate's application to a role, if any (one per candidate and role). */
export async function findApplicationIdOfCandidateForRole(db: Db, candidateId: string, jobRoleId: string): Promise<string | null> {
  const query = db.selectFrom('applications').select('id').where('candidate_id', '=', candidateId).where('job_role_id', '=', jobRoleId);
  const row = await firstRows(db, query, 1).executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Gives the placeholder's applications to the person who signed in with its address, except to a role they have
 * applied to themselves (one application per candidate and role: that one stays with the placeholder). Returns how
 * many moved.
 */
export async function moveInvitedApplications(db: Db, from: string, to: string, at: Date): Promise<number> {
  const result = await db
    .updateTable('applications')
    .set((eb) => ({ candidate_id: to, updated_at: at, version: eb('version', '+', 1) }))
    .where('candidate_id', '=', from)
    .where(({ eb, selectFrom }) =>
      eb.not(eb('job_role_id', 'in', selectFrom('applications as own').select('own.job_role_id').where('own.candidate_id', '=', to))),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Removes a placeholder once nothing of it is left. */
export async function deleteEmptyInvitedUser(db: Db, userId: string): Promise<void> {
  await db
    .deleteFrom('users')
    .where('id', '=', userId)
    .where('issuer', '=', INVITED_ISSUER)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('applications').select('applications.id').where('applications.candidate_id', '=', userId))))
    .execute();
}
