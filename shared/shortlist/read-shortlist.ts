import { ANY_ORG_ROLE, requireOrgRole } from '../auth/authorize';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { appendAudit } from '../db/repositories/audit-log';
import { findShortlistRole, listShortlistApplicants, listShortlistEntries } from '../db/repositories/shortlist';
import { NotFoundError } from '../errors';
import { toApplicant } from './applicant';
import { rankApplicants } from './deterministic-score';
import { prepareCriteria } from './role-criteria';
import type { Shortlist } from './shortlist-schemas';
import { toShortlist } from './shortlist-view';
import { SkillMatcher } from './skill-matcher';

/**
 * The role's stored shortlist, for any member of its organisation, without a model call: the scores and reasons
 * of the last run, with what staff may see of each applicant today. Who read it is audited.
 */
export async function readShortlist(db: Db, caller: Caller, roleId: string, context: { ipAddress: string }): Promise<Shortlist> {
  const role = await findShortlistRole(db, roleId, caller.user.id);
  if (!role) throw new NotFoundError('Role not found in your organisations.');
  requireOrgRole(caller, role.organisation_id, ANY_ORG_ROLE);
  const scope = { job_role_id: role.id, user_id: caller.user.id };
  const entries = await listShortlistEntries(db, scope);
  if (entries.length === 0) throw new NotFoundError('No shortlist has been generated for this role.');

  const applicants = (await listShortlistApplicants(db, scope)).map(toApplicant);
  const criteria = prepareCriteria(role, new Date());
  const matcher = new SkillMatcher(criteria.skills);
  const verdicts = rankApplicants(criteria, applicants, matcher);
  await appendAudit(db, {
    user_id: caller.user.id,
    organisation_id: role.organisation_id,
    action: 'shortlist_viewed',
    entity_type: 'job_role',
    entity_id: role.id,
    new_values: { entries: entries.length },
    ip_address: context.ipAddress,
  });
  return toShortlist(
    role.title,
    entries,
    new Map(applicants.map((a) => [a.application_id, a])),
    new Map(verdicts.map((v) => [v.application_id, v])),
    matcher,
  );
}
