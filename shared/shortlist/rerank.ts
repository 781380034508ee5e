import type { AiGateway } from '../ai/gateway';
import { RANK_CANDIDATES_PROMPT_VERSION, rankCandidatesTask, type CandidateForRanking, type RoleForRanking } from './rank-candidates-task';
import type { AiProviderName } from '../ai/types';
import type { ApplicantForModel } from './applicant';
import { candidateForRanking } from './de-identify';
import type { DeterministicScore } from './deterministic-score';
import type { RoleCriteria, ShortlistRole } from './role-criteria';
import type { Logger } from '../observability/logger';

/** Model calls in flight at once for one shortlist, so a large top N does not flood the model's rate limit. */
const CONCURRENT_BATCHES = 4;
const MOST_LINES = 15;

export interface RerankedScore {
  score: number;
  reasons: string[];
}

export interface RerankOutcome {
  /** By application id. */
  scores: Map<string, RerankedScore>;
  provider: AiProviderName;
  prompt_version: string;
  batches: number;
}

function roleForRanking(role: ShortlistRole): RoleForRanking {
  return {
    title: role.title,
    work_type: role.work_type,
    location: role.location,
    skills: role.requirements?.skills.slice(0, MOST_LINES * 2) ?? [],
    experience: role.requirements?.experience.slice(0, MOST_LINES) ?? [],
    qualifications: role.requirements?.qualifications.slice(0, MOST_LINES) ?? [],
  };
}

/** Runs `work` over the items with at most `limit` at a time; the first failure stops the rest and is thrown. */
async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T, signal: AbortSignal) => Promise<R>): Promise<R[]> {
  const controller = new AbortController();
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length && !controller.signal.aborted) {
      const index = next++;
      try {
        results[index] = await work(items[index] as T, controller.signal);
      } catch (error) {
        controller.abort();
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * The model stage: the applicants the deterministic stage ranked highest, in batches, each applicant under an
 * opaque label (C1, C2, ... for this request only) that is mapped back here. An answer that stays invalid after
 * the gateway's repair request fails the whole run (502): nothing half-ranked is stored.
 */
export async function rerankWithModel(
  ai: AiGateway,
  role: ShortlistRole,
  criteria: RoleCriteria,
  top: ReadonlyArray<{ applicant: ApplicantForModel; verdict: DeterministicScore }>,
  batchSize: number,
  organisationId: string,
  log: Logger,
): Promise<RerankOutcome> {
  const labelled = top.map(({ applicant, verdict }, i) => ({
    application_id: applicant.application_id,
    candidate: candidateForRanking(`C${i + 1}`, applicant, verdict, criteria.today),
  }));
  const batches: Array<typeof labelled> = [];
  for (let i = 0; i < labelled.length; i += batchSize) batches.push(labelled.slice(i, i + batchSize));

  const rankingRole = roleForRanking(role);
  const answers = await inPool(batches, CONCURRENT_BATCHES, (batch, signal) => {
    const candidates: CandidateForRanking[] = batch.map((b) => b.candidate);
    return ai.runStructured(rankCandidatesTask(candidates.map((c) => c.label)), { role: rankingRole, candidates }, { organisationId, log, signal });
  });

  const applicationOf = new Map(labelled.map((l) => [l.candidate.label, l.application_id]));
  const scores = new Map<string, RerankedScore>();
  for (const answer of answers) {
    for (const ranking of answer.value.rankings) {
      const applicationId = applicationOf.get(ranking.label);
      if (applicationId) scores.set(applicationId, { score: Math.round(ranking.matchScore * 100) / 100, reasons: ranking.matchReasons });
    }
  }
  return {
    scores,
    provider: answers[0]?.provider ?? ai.provider,
    prompt_version: answers[0]?.prompt_version ?? RANK_CANDIDATES_PROMPT_VERSION,
    batches: batches.length,
  };
}
