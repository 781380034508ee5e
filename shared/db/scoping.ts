import type { ExpressionBuilder } from 'kysely';
import type { Database } from './schema';

/**
 * The row rule for everything hanging off an application: its candidate, or a member of the organisation of its
 * role. For queries that join `applications` and `job_roles`.
 */
export function isApplicationParty(userId: string) {
  return (eb: ExpressionBuilder<Database, 'applications' | 'job_roles'>) =>
    eb.or([
      eb('applications.candidate_id', '=', userId),
      eb.exists(
        eb
          .selectFrom('org_users')
          .select('org_users.id')
          .whereRef('org_users.organisation_id', '=', 'job_roles.organisation_id')
          .where('org_users.user_id', '=', userId),
      ),
    ]);
}
