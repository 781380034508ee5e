import type { Db } from '../database';
import { isRoleOrganisationMember } from '../scoping';

export interface RoleForRequirements {
  id: string;
  organisation_id: string;
  title: string;
  version: number;
}

/** The role, only when the user is a member of its organisation (scoped in the query). */
export async function findRoleForMember(db: Db, roleId: string, userId: string): Promise<RoleForRequirements | null> {
  const row = await db
    .selectFrom('job_roles')
    .select(['job_roles.id', 'job_roles.organisation_id', 'job_roles.title', 'job_roles.version'])
    .where('job_roles.id', '=', roleId)
    .where(isRoleOrganisationMember(userId))
    .executeTakeFirst();
  return row ?? null;
}

/** Stores extracted requirements and the interview structure derived from them; bumps the role's version. */
export async function saveRoleRequirements(
  db: Db,
  roleId: string,
  requirements: unknown,
  interviewStructure: unknown,
  at: Date,
): Promise<number> {
  await db
    .updateTable('job_roles')
    .set((eb) => ({
      requirements: JSON.stringify(requirements),
      interview_structure: JSON.stringify(interviewStructure),
      updated_at: at,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', roleId)
    .execute();
  const row = await db.selectFrom('job_roles').select('version').where('id', '=', roleId).executeTakeFirstOrThrow();
  return row.version;
}
