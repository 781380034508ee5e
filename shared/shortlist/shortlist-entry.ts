import type { ProfileSection } from './applicant';

/** `offline`: re-ranked by the offline provider's rules, `model`: by a real model. */
export const SHORTLIST_STAGES = ['deterministic', 'offline', 'model'] as const;
export type ShortlistStage = (typeof SHORTLIST_STAGES)[number];

/** The provider recorded for a result no AI provider took part in. */
export const NO_PROVIDER = 'none';

/** What the view shows of an applicant's profile, worked out when the run read it (shortlist-view.ts). */
export interface StoredDetails {
  skills: string[];
  experience: string | null;
  /** The sections staff could see then: one hidden since is masked on read. */
  shown_sections: ProfileSection[];
}

/**
 * One applicant's stored place in a role's shortlist: a shortlist_entries row, with its application's candidate.
 * `rank` is 1 for the best; the read pages by it, so it never sorts or scores again.
 */
export interface ShortlistEntry extends StoredDetails {
  application_id: string;
  candidate_id: string;
  job_role_id: string;
  rank: number;
  match_score: number;
  deterministic_score: number;
  match_reasons: string[];
  stage: ShortlistStage;
  provider: string;
  prompt_version: string | null;
  created_at: string;
}

/** The run's provider and prompt version are those of its re-ranked entries; its time is when it stored them. */
export interface ShortlistRun {
  provider: string;
  prompt_version: string | null;
  created_at: string;
}

/**
 * The order of a run, best first: the match score, ties by the deterministic score, then by application id, so the
 * same data always lists the same way. The one definition: the switch numbers `rank` by it in SQL, and before the
 * model stage (match score = deterministic score) it picks the applicants the model re-ranks.
 */
export const RANK_ORDER = [
  { column: 'match_score', direction: 'desc' },
  { column: 'deterministic_score', direction: 'desc' },
  { column: 'application_id', direction: 'asc' },
] as const satisfies ReadonlyArray<{ column: keyof ShortlistEntry; direction: 'asc' | 'desc' }>;
