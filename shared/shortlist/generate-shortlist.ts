import type { AiGateway } from '../ai/gateway';
import { requireOrgRole } from '../auth/authorize';
import type { Caller } from '../auth/caller';
import type { DbScope } from '../db/scopes';
import type { Logger } from '../observability/logger';
import { appendAudit } from '../db/repositories/audit-log';
import { findShortlistRole, listShortlistApplicants, replaceShortlist } from '../db/repositories/shortlist';
import { NotFoundError } from '../errors';
import { toApplicant, type Applicant } from './applicant';
import { rankApplicants } from './deterministic-score';
import { rerankWithModel } from './rerank';
import { prepareCriteria } from './role-criteria';
import { NO_PROVIDER, type ShortlistEntry } from './shortlist-entry';
import type { NoCandidates, Shortlist } from './shortlist-schemas';
import { toShortlist } from './shortlist-view';
import { SkillMatcher } from './skill-matcher';

export interface ShortlistSettings {
  rerankTopN: number;
  rerankBatchSize: number;
}

/** Who may run a shortlist; any member may read the stored one. */
const RUNNERS = ['admin', 'recruiter', 'hiring_manager'] as const;

/**
 * Ranks every applicant of a role: a deterministic score for all of them, then the model re-ranks the best
 * `rerankTopN` in batches. The result replaces the role's stored shortlist and the applications' match scores
 * in one transaction, after every model call has succeeded, so a failed run leaves the previous list as it was.
 */
export async function generateShortlist(
  data: DbScope,
  ai: AiGateway,
  settings: ShortlistSettings,
  caller: Caller,
  roleId: string,
  context: { ipAddress: string; log: Logger },
): Promise<Shortlist | NoCandidates> {
  const { role, rows } = await data.run(async (db) => {
    const found = await findShortlistRole(db, roleId, caller.user.id);
    if (!found) throw new NotFoundError('Role not found in your organisations.');
    requireOrgRole(caller, found.organisation_id, RUNNERS);
    return { role: found, rows: await listShortlistApplicants(db, { job_role_id: found.id, user_id: caller.user.id }) };
  });
  const applicants = rows.map(toApplicant);
  if (applicants.length === 0) return { matches: [], message: 'No candidates to match', roleTitle: role.title };

  const at = new Date();
  const criteria = prepareCriteria(role, at);
  const matcher = new SkillMatcher(criteria.skills);
  const ranked = rankApplicants(criteria, applicants, matcher);
  const byId = new Map<string, Applicant>(applicants.map((a) => [a.application_id, a]));
  const top = ranked.slice(0, settings.rerankTopN).flatMap((verdict) => {
    const applicant = byId.get(verdict.application_id);
    return applicant ? [{ applicant, verdict }] : [];
  });
  const reranked = top.length > 0 ? await rerankWithModel(ai, role, criteria, top, settings.rerankBatchSize, role.organisation_id, context.log) : null;

  const rerankStage = reranked?.provider === 'offline' ? 'offline' : 'model';
  const entries: ShortlistEntry[] = ranked.map((verdict) => {
    const model = reranked?.scores.get(verdict.application_id);
    return {
      application_id: verdict.application_id,
      candidate_id: verdict.candidate_id,
      job_role_id: role.id,
      match_score: model?.score ?? verdict.score,
      deterministic_score: verdict.score,
      match_reasons: model?.reasons ?? verdict.reasons,
      stage: model ? rerankStage : 'deterministic',
      provider: model && reranked ? reranked.provider : NO_PROVIDER,
      prompt_version: model && reranked ? reranked.prompt_version : null,
      created_at: at.toISOString(),
    };
  });

  await data.transaction(async (trx) => {
    await replaceShortlist(trx, role.id, entries, at);
    await appendAudit(trx, {
      user_id: caller.user.id,
      organisation_id: role.organisation_id,
      action: 'shortlist_generated',
      entity_type: 'job_role',
      entity_id: role.id,
      new_values: {
        applicants: entries.length,
        reranked: reranked?.scores.size ?? 0,
        batches: reranked?.batches ?? 0,
        provider: reranked?.provider ?? NO_PROVIDER,
        prompt_version: reranked?.prompt_version ?? null,
      },
      ip_address: context.ipAddress,
    }, at);
  });
  const verdicts = new Map(ranked.map((v) => [v.application_id, v]));
  return toShortlist(role.title, entries, byId, verdicts, matcher);
}
