import { expressionBuilder, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db } from './database';
import type { Database } from './schema';
import type { OrgRole } from '../domain/value-sets';

/**
 * The organisation-access rule: `userId` is a member (with one of `roles` when given) of the organisation whose id
 * is `owner`. One EXISTS over org_users, so both dialects compile it the same way and no row repeats per membership.
 */
function memberOf(owner: Expression<string>, userId: string, roles?: readonly OrgRole[]): Expression<SqlBool> {
  const eb = expressionBuilder<Database>();
  let member = eb
    .selectFrom('org_users')
    .select('org_users.id')
    .where('org_users.organisation_id', '=', owner)
    .where('org_users.user_id', '=', userId);
  if (roles) member = member.where('org_users.role', 'in', roles);
  return eb.exists(member);
}

/** The caller is a member of the organisation of the query's job role (with one of `roles` when given). */
export function isRoleOrganisationMember(userId: string, roles?: readonly OrgRole[]) {
  return (eb: ExpressionBuilder<Database, 'job_roles'>) => memberOf(eb.ref('job_roles.organisation_id'), userId, roles);
}

/** The caller is a member of the query's organisation. */
export function isOrganisationMember(userId: string) {
  return (eb: ExpressionBuilder<Database, 'organisations'>) => memberOf(eb.ref('organisations.id'), userId);
}

/**
 * The row rule for everything hanging off an application: its candidate, or a member of the organisation of its
 * role. For queries that join `applications` and `job_roles`.
 */
export function isApplicationParty(userId: string) {
  return (eb: ExpressionBuilder<Database, 'applications' | 'job_roles'>) =>
    eb.or([eb('applications.candidate_id', '=', userId), isRoleOrganisationMember(userId)(eb)]);
}

/**
 * An interview with the application and job role that own it (job_roles.organisation_id is the owning
 * organisation): the one ownership join every interview read starts from.
 */
export function selectInterviewWithOwner(db: Db) {
  return db
    .selectFrom('interviews')
    .innerJoin('applications', 'applications.id', 'interviews.application_id')
    .innerJoin('job_roles', 'job_roles.id', 'applications.job_role_id');
}
