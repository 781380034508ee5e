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

/** Equal scores in a fixed order (application id), so the same data always lists the same way. */
export function compareIds(a: { application_id: string }, b: { application_id: string }): number {
  return a.application_id < b.application_id ? -1 : a.application_id > b.application_id ? 1 : 0;
}

/** Best first; ties by the deterministic score, then by application id. */
export function compareEntries(a: Omit<ShortlistEntry, 'rank'>, b: Omit<ShortlistEntry, 'rank'>): number {
  return b.match_score - a.match_score || b.deterministic_score - a.deterministic_score || compareIds(a, b);
}
