/** `offline`: re-ranked by the offline provider's rules, `model`: by a real model. */
export const SHORTLIST_STAGES = ['deterministic', 'offline', 'model'] as const;
export type ShortlistStage = (typeof SHORTLIST_STAGES)[number];

/** The provider recorded for a result no AI provider took part in. */
export const NO_PROVIDER = 'none';

/** One applicant's stored place in a role's shortlist: a shortlist_entries row, with its application's candidate. */
export interface ShortlistEntry {
  application_id: string;
  candidate_id: string;
  job_role_id: string;
  match_score: number;
  deterministic_score: number;
  match_reasons: string[];
  stage: ShortlistStage;
  provider: string;
  prompt_version: string | null;
  created_at: string;
}

/** Equal scores in a fixed order (application id), so the same data always lists the same way. */
export function compareIds(a: { application_id: string }, b: { application_id: string }): number {
  return a.application_id < b.application_id ? -1 : a.application_id > b.application_id ? 1 : 0;
}

/** Best first; ties by the deterministic score, then by application id. */
export function compareEntries(a: ShortlistEntry, b: ShortlistEntry): number {
  return b.match_score - a.match_score || b.deterministic_score - a.deterministic_score || compareIds(a, b);
}
