import type { AiGateway } from '../ai/gateway';
import { requireOrgRole } from '../auth/authorize';
import type { Caller } from '../auth/caller';
import type { DbScope } from '../db/scopes';
import type { Logger } from '../observability/logger';
import { appendAudit } from '../db/repositories/audit-log';
import { findShortlistRole, listShortlistApplicants, replaceShortlist, type ShortlistScope } from '../db/repositories/shortlist';
import { NotFoundError } from '../errors';
import { toApplicant, toApplicantForModel, type ApplicantForModel, type StoredApplicant } from './applicant';
import { scoreApplicant, type DeterministicScore } from './deterministic-score';
import { rerankWithModel } from './rerank';
import { prepareCriteria, type RoleCriteria } from './role-criteria';
import { compareEntries, compareIds, NO_PROVIDER, type ShortlistEntry, type StoredDetails } from './shortlist-entry';
import type { NoCandidates, Shortlist } from './shortlist-schemas';
import { profileOfApplicant, runOf, storedDetails, toMatch, toShortlist, type ProfileNow } from './shortlist-view';
import { SkillMatcher } from './skill-matcher';

export interface ShortlistSettings {
  rerankTopN: number;
  rerankBatchSize: number;
}

/** Who may run a shortlist; any member may read the stored one. */
const RUNNERS = ['admin', 'recruiter', 'hiring_manager'] as const;
/** Applicants read per scope: a run holds the full records of one chunk at a time, not of every applicant. */
const APPLICANTS_PER_READ = 250;

/** What a run keeps of an applicant once scored: the verdict and the view's details, not the records. */
interface Scored {
  verdict: DeterministicScore;
  details: StoredDetails;
  profile: ProfileNow;
}

/** Scores every applicant of the role, reading them a chunk at a time in short scopes; best first. */
async function scoreAll(data: DbScope, scope: ShortlistScope, criteria: RoleCriteria, matcher: SkillMatcher): Promise<Scored[]> {
  const scored: Scored[] = [];
  for (let after: string | null = null; ; ) {
    const chunk: StoredApplicant[] = await data.run((db) => listShortlistApplicants(db, scope, { after, rows: APPLICANTS_PER_READ }));
    for (const stored of chunk) {
      const applicant = toApplicant(stored);
      const verdict = scoreApplicant(criteria, matcher, applicant);
      scored.push({ verdict, details: storedDetails(applicant, verdict, matcher), profile: profileOfApplicant(applicant) });
    }
    const last = chunk[chunk.length - 1];
    if (!last || chunk.length < APPLICANTS_PER_READ) break;
    after = last.application_id;
  }
  return scored.sort((a, b) => b.verdict.score - a.verdict.score || compareIds(a.verdict, b.verdict));
}

/**
 * Ranks every applicant of a role: a deterministic score for all of them, then the model re-ranks the best
 * `rerankTopN` in batches (their full records read again for it). The result, with each entry's rank and the
 * details the view shows, replaces the role's stored shortlist and the applications' match scores in one
 * transaction, after every model call has succeeded, so a failed run leaves the previous list as it was.
 */
export async function generateShortlist(
  data: DbScope,
  ai: AiGateway,
  settings: ShortlistSettings,
  caller: Caller,
  roleId: string,
  context: { ipAddress: string; log: Logger },
): Promise<Shortlist | NoCandidates> {
  const role = await data.run(async (db) => {
    const found = await findShortlistRole(db, roleId, caller.user.id);
    if (!found) throw new NotFoundError('Role not found in your organisations.');
    requireOrgRole(caller, found.organisation_id, RUNNERS);
    return found;
  });
  const scope = { job_role_id: role.id, user_id: caller.user.id };
  const at = new Date();
  const criteria = prepareCriteria(role, at);
  const matcher = new SkillMatcher(criteria.skills);
  const scored = await scoreAll(data, scope, criteria, matcher);
  if (scored.length === 0) return { matches: [], message: 'No candidates to match', roleTitle: role.title };

  const topVerdicts = scored.slice(0, settings.rerankTopN).map((s) => s.verdict);
  const topApplicants = topVerdicts.length > 0 ? await data.run((db) => listShortlistApplicants(db, scope, { ids: topVerdicts.map((v) => v.application_id) })) : [];
  const byId = new Map<string, ApplicantForModel>(topApplicants.map((stored) => [stored.application_id, toApplicantForModel(stored)]));
  const top = topVerdicts.flatMap((verdict) => {
    const applicant = byId.get(verdict.application_id);
    return applicant ? [{ applicant, verdict }] : [];
  });
  const reranked = top.length > 0 ? await rerankWithModel(ai, role, criteria, top, settings.rerankBatchSize, role.organisation_id, context.log) : null;

  const rerankStage = reranked?.provider === 'offline' ? 'offline' : 'model';
  const ranked = scored
    .map(({ verdict, details, profile }) => {
      const model = reranked?.scores.get(verdict.application_id);
      const entry: ShortlistEntry = {
        application_id: verdict.application_id,
        candidate_id: verdict.candidate_id,
        job_role_id: role.id,
        rank: 0,
        match_score: model?.score ?? verdict.score,
        deterministic_score: verdict.score,
        match_reasons: model?.reasons ?? verdict.reasons,
        stage: model ? rerankStage : ('deterministic' as const),
        provider: model && reranked ? reranked.provider : NO_PROVIDER,
        prompt_version: model && reranked ? reranked.prompt_version : null,
        created_at: at.toISOString(),
        ...details,
      };
      return { entry, profile };
    })
    .sort((a, b) => compareEntries(a.entry, b.entry));
  ranked.forEach(({ entry }, i) => (entry.rank = i + 1));
  const entries = ranked.map(({ entry }) => entry);

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
  return toShortlist(role.title, runOf(entries), ranked.map(({ entry, profile }) => toMatch(entry, profile)));
}
