import type { Applicant } from './applicant';
import type { DeterministicScore } from './deterministic-score';
import { compareEntries, NO_PROVIDER, type ShortlistEntry } from './shortlist-entry';
import type { Shortlist, ShortlistMatch } from './shortlist-schemas';
import type { SkillMatcher } from './skill-matcher';

const MOST_SKILLS = 5;

/** Required skills the applicant has first, then their other skills; one spelling per skill. */
function skillsShown(applicant: Applicant, verdict: DeterministicScore | undefined, matcher: SkillMatcher): string[] {
  const names = new Map<string, string>();
  for (const name of verdict?.matched_skills ?? []) names.set(matcher.keyOf(name), name);
  for (const skill of applicant.skills) {
    if (names.size >= MOST_SKILLS) break;
    const key = matcher.keyOf(skill.skill_name);
    if (!names.has(key)) names.set(key, skill.skill_name);
  }
  return [...names.values()].slice(0, MOST_SKILLS);
}

function experienceShown(applicant: Applicant, verdict: DeterministicScore | undefined): string | null {
  const latest = applicant.employment[0];
  if (!latest) return null;
  const years = verdict?.relevant_years ?? 0;
  return `${years.toFixed(1).replace(/\.0$/, '')} years relevant; latest: ${latest.job_title}${latest.is_current ? ' (current)' : ''}`;
}

export function toMatch(entry: ShortlistEntry, applicant: Applicant | undefined, verdict: DeterministicScore | undefined, matcher: SkillMatcher): ShortlistMatch {
  return {
    applicationId: entry.application_id,
    candidateId: entry.candidate_id,
    matchScore: entry.match_score,
    deterministicScore: entry.deterministic_score,
    stage: entry.stage,
    matchReasons: entry.match_reasons,
    skills: applicant ? skillsShown(applicant, verdict, matcher) : [],
    experience: applicant ? experienceShown(applicant, verdict) : null,
    availability: applicant?.availability ?? null,
    workMode: applicant?.work_mode ?? null,
    location: applicant ? [applicant.suburb, applicant.state].filter(Boolean).join(', ') || null : null,
  };
}

/**
 * The shortlist as the frontend reads it: every stored entry best first, with what staff may see of each
 * applicant now. The run's provider and prompt version are those of its re-ranked entries.
 */
export function toShortlist(
  roleTitle: string,
  entries: readonly ShortlistEntry[],
  applicants: ReadonlyMap<string, Applicant>,
  verdicts: ReadonlyMap<string, DeterministicScore>,
  matcher: SkillMatcher,
): Shortlist {
  const sorted = [...entries].sort(compareEntries);
  const reranked = sorted.find((entry) => entry.stage !== 'deterministic');
  const generatedAt = sorted.reduce((latest, entry) => (entry.created_at > latest ? entry.created_at : latest), '');
  return {
    matches: sorted.map((entry) => toMatch(entry, applicants.get(entry.application_id), verdicts.get(entry.application_id), matcher)),
    roleTitle,
    provider: reranked?.provider ?? NO_PROVIDER,
    promptVersion: reranked?.prompt_version ?? null,
    generatedAt,
  };
}
