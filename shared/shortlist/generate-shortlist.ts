import { randomUUID } from 'node:crypto';
import type { AiGateway } from '../ai/gateway';
import { requireOrgRole } from '../auth/authorize';
import type { Caller } from '../auth/caller';
import type { DbScope } from '../db/scopes';
import type { Logger } from '../observability/logger';
import { appendAudit } from '../db/repositories/audit-log';
import { findShortlistRole, listShortlistApplicants, type ShortlistScope } from '../db/repositories/shortlist';
import {
  deleteShortlistRun,
  listStagedTop,
  rescoreStagedEntries,
  stageShortlistEntries,
  sweepShortlistRuns,
  switchShortlist,
  type RescoredEntry,
  type ShortlistRunKey,
  type StagedEntry,
} from '../db/repositories/shortlist-runs';
import { ConflictError, NotFoundError } from '../errors';
import { toApplicant, toApplicantForModel, type StoredApplicant } from './applicant';
import { scoreApplicant } from './deterministic-score';
import { rerankWithModel, type RerankOutcome } from './rerank';
import { shortlistPage } from './read-shortlist';
import { prepareCriteria, type RoleCriteria, type ShortlistRole } from './role-criteria';
import { NO_PROVIDER } from './shortlist-entry';
import type { NoCandidates, ShortlistPage } from './shortlist-schemas';
import { storedDetails } from './shortlist-view';
import { SkillMatcher } from './skill-matcher';

export interface ShortlistSettings {
  rerankTopN: number;
  rerankBatchSize: number;
}

/** Who may run a shortlist; any member may read the stored one. */
const RUNNERS = ['admin', 'recruiter', 'hiring_manager'] as const;
/** Applicants read per scope: a run holds the full records of one chunk at a time, not of every applicant. */
const APPLICANTS_PER_READ = 250;
/** No run lives longer than the function timeout (host.json, 10 minutes): staged rows older than this are a dead run's. */
const DEAD_RUN_AFTER_MS = 10 * 60 * 1000;

/**
 * Scores every applicant of the role a chunk at a time, each chunk in one short scope that reads it, scores it and
 * stages its entries, so a run never holds more than one chunk (docs/performance.md). Returns how many it staged.
 */
async function stageAll(data: DbScope, scope: ShortlistScope, run: ShortlistRunKey, criteria: RoleCriteria, matcher: SkillMatcher): Promise<number> {
  let staged = 0;
  for (let after: string | null = null, more = true; more; more = after !== null) {
    const from: string | null = after;
    after = await data.run(async (db) => {
      const chunk = await listShortlistApplicants(db, scope, { after: from, rows: APPLICANTS_PER_READ });
      const entries = chunk.map((stored): StagedEntry => {
        const applicant = toApplicant(stored);
        const verdict = scoreApplicant(criteria, matcher, applicant);
        return {
          application_id: verdict.application_id,
          match_score: verdict.score,
          deterministic_score: verdict.score,
          match_reasons: verdict.reasons,
          stage: 'deterministic',
          provider: NO_PROVIDER,
          prompt_version: null,
          ...storedDetails(applicant, verdict, matcher),
        };
      });
      await stageShortlistEntries(db, run, entries);
      staged += entries.length;
      // A short chunk is the last; otherwise the next starts after its last application.
      return chunk.length === APPLICANTS_PER_READ ? (chunk[chunk.length - 1]?.application_id ?? null) : null;
    });
  }
  return staged;
}

/** The model re-ranks the run's best `rerankTopN` (their full records read again, and scored again for it). */
async function rerankTop(data: DbScope, ai: AiGateway, settings: ShortlistSettings, scope: ShortlistScope, run: ShortlistRunKey, role: ShortlistRole, criteria: RoleCriteria, matcher: SkillMatcher, log: Logger): Promise<RerankOutcome | null> {
  const topIds = settings.rerankTopN > 0 ? await data.run((db) => listStagedTop(db, run.id, settings.rerankTopN)) : [];
  const stored: StoredApplicant[] = topIds.length > 0 ? await data.run((db) => listShortlistApplicants(db, scope, { ids: topIds })) : [];
  const byId = new Map(stored.map((s) => [s.application_id, s]));
  const top = topIds.flatMap((id) => {
    const applicant = byId.get(id);
    return applicant ? [{ applicant: toApplicantForModel(applicant), verdict: scoreApplicant(criteria, matcher, toApplicant(applicant)) }] : [];
  });
  return top.length > 0 ? rerankWithModel(ai, role, criteria, top, settings.rerankBatchSize, role.organisation_id, log) : null;
}

/**
 * Ranks every applicant of a role: a deterministic score for all of them, staged under the run's id as each chunk is
 * scored; then the model re-ranks the best `rerankTopN` in batches. One short transaction then makes the run the
 * role's shortlist (ranks numbered in SQL, scores copied to the applications) and reads its first page, the answer.
 * A failed run leaves the previous list as it was and deletes what it staged.
 */
export async function generateShortlist(
  data: DbScope,
  ai: AiGateway,
  settings: ShortlistSettings,
  caller: Caller,
  roleId: string,
  firstPage: number,
  context: { ipAddress: string; log: Logger },
): Promise<ShortlistPage | NoCandidates> {
  const at = new Date();
  const role = await data.run(async (db) => {
    const found = await findShortlistRole(db, roleId, caller.user.id);
    if (!found) throw new NotFoundError('Role not found in your organisations.');
    requireOrgRole(caller, found.organisation_id, RUNNERS);
    await sweepShortlistRuns(db, found.id, new Date(at.getTime() - DEAD_RUN_AFTER_MS));
    return found;
  });
  const scope = { job_role_id: role.id, user_id: caller.user.id };
  const run: ShortlistRunKey = { id: randomUUID(), job_role_id: role.id, started_at: at };
  const criteria = prepareCriteria(role, at);
  const matcher = new SkillMatcher(criteria.skills);
  try {
    const staged = await stageAll(data, scope, run, criteria, matcher);
    if (staged === 0) return { matches: [], message: 'No candidates to match', roleTitle: role.title };
    const reranked = await rerankTop(data, ai, settings, scope, run, role, criteria, matcher, context.log);
    const stage = reranked?.provider === 'offline' ? 'offline' : 'model';
    const rescored: RescoredEntry[] = [...(reranked?.scores ?? [])].map(([application_id, model]) => ({
      application_id,
      match_score: model.score,
      match_reasons: model.reasons,
      stage,
      provider: reranked?.provider ?? NO_PROVIDER,
      prompt_version: reranked?.prompt_version ?? null,
    }));

    return await data.transaction(async (trx) => {
      await rescoreStagedEntries(trx, run.id, rescored);
      // Staged rows lost since (an application deleted, or the run outlived DEAD_RUN_AFTER_MS): never a partial list.
      if ((await switchShortlist(trx, run)) !== staged) throw new ConflictError('The applicants changed during the run; run it again.');
      await appendAudit(trx, {
        user_id: caller.user.id,
        organisation_id: role.organisation_id,
        action: 'shortlist_generated',
        entity_type: 'job_role',
        entity_id: role.id,
        new_values: {
          applicants: staged,
          reranked: rescored.length,
          batches: reranked?.batches ?? 0,
          provider: reranked?.provider ?? NO_PROVIDER,
          prompt_version: reranked?.prompt_version ?? null,
        },
        ip_address: context.ipAddress,
      }, at);
      const page = await shortlistPage(trx, scope, role.title, null, firstPage);
      if (!page) throw new Error('the switched run has no entries');
      return page;
    });
  } catch (error) {
    // The previous list is untouched; what this run staged goes (a later run sweeps it if this delete fails too).
    await data.run((db) => deleteShortlistRun(db, run.id)).catch((cleanup: unknown) => context.log.warn('shortlist run not cleaned up', { run: run.id, error: String(cleanup) }));
    throw error;
  }
}
