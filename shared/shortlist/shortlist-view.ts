import { shownSections, type Applicant, type ProfileSection, type StoredApplicant } from './applicant';
import type { DeterministicScore } from './deterministic-score';
import type { ShortlistEntry, ShortlistRun, StoredDetails } from './shortlist-entry';
import type { Shortlist, ShortlistMatch } from './shortlist-schemas';
import type { SkillMatcher } from './skill-matcher';

const MOST_SKILLS = 5;

/** What staff may see of an applicant's profile at the moment the view is built. */
export interface ProfileNow {
  sections: ProfileSection[];
  work_mode: string | null;
  availability: string | null;
  location: string | null;
}

/** Required skills the applicant has first, then their other skills; one spelling per skill. */
function skillsShown(applicant: Applicant, verdict: DeterministicScore, matcher: SkillMatcher): string[] {
  const names = new Map<string, string>();
  for (const name of verdict.matched_skills) names.set(matcher.keyOf(name), name);
  for (const skill of applicant.skills) {
    if (names.size >= MOST_SKILLS) break;
    const key = matcher.keyOf(skill.skill_name);
    if (!names.has(key)) names.set(key, skill.skill_name);
  }
  return [...names.values()].slice(0, MOST_SKILLS);
}

function experienceShown(applicant: Applicant, verdict: DeterministicScore): string | null {
  const latest = applicant.employment[0];
  if (!latest) return null;
  return `${verdict.relevant_years.toFixed(1).replace(/\.0$/, '')} years relevant; latest: ${latest.job_title}${latest.is_current ? ' (current)' : ''}`;
}

/** The details a run stores for the view, from the applicant as it read them. */
export function storedDetails(applicant: Applicant, verdict: DeterministicScore, matcher: SkillMatcher): StoredDetails {
  return {
    skills: skillsShown(applicant, verdict, matcher),
    experience: experienceShown(applicant, verdict),
    shown_sections: sectionsShown(applicant),
  };
}

/** The sections toApplicant found shown. */
function sectionsShown(applicant: Applicant): ProfileSection[] {
  if (applicant.profile !== 'shown') return [];
  return [
    ...(applicant.skills_shown ? (['skills'] as const) : []),
    ...(applicant.employment_shown ? (['employment'] as const) : []),
    ...(applicant.location_shown ? (['location'] as const) : []),
  ];
}

function place(suburb: string | null, state: string | null): string | null {
  return [suburb, state].filter(Boolean).join(', ') || null;
}

/** A candidate's profile as the read finds it now, with their visibility settings applied; null when they have none. */
export function profileNow(profile: Pick<NonNullable<StoredApplicant['profile']>, 'profile_visibility' | 'visibility_settings' | 'work_mode' | 'availability' | 'suburb' | 'state'> | null): ProfileNow {
  const sections = shownSections(profile);
  const visible = profile?.profile_visibility === 'visible' ? profile : null;
  return {
    sections,
    work_mode: visible?.work_mode ?? null,
    availability: visible?.availability ?? null,
    location: visible && sections.includes('location') ? place(visible.suburb, visible.state) : null,
  };
}

/**
 * One match as the frontend reads it: the stored scores and details, less any section the candidate has hidden
 * since the run (skills come from the skills and the work history sections, so hiding either drops them).
 */
export function toMatch(entry: ShortlistEntry, now: ProfileNow): ShortlistMatch {
  const hiddenSince = (section: ProfileSection) => entry.shown_sections.includes(section) && !now.sections.includes(section);
  return {
    applicationId: entry.application_id,
    candidateId: entry.candidate_id,
    rank: entry.rank,
    matchScore: entry.match_score,
    deterministicScore: entry.deterministic_score,
    stage: entry.stage,
    matchReasons: entry.match_reasons,
    skills: hiddenSince('skills') || hiddenSince('employment') ? [] : entry.skills,
    experience: hiddenSince('employment') ? null : entry.experience,
    availability: now.availability,
    workMode: now.work_mode,
    location: now.location,
  };
}

export function toShortlist(roleTitle: string, run: ShortlistRun, matches: ShortlistMatch[]): Shortlist {
  return { matches, roleTitle, provider: run.provider, promptVersion: run.prompt_version, generatedAt: run.created_at };
}
