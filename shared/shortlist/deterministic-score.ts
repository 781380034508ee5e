import type { Applicant } from './applicant';
import { DAYS_PER_YEAR, jobSpan } from './job-span';
import { normaliseState, titleWords, type RoleCriteria } from './role-criteria';
import type { SkillMatcher } from './skill-matcher';

/** The deterministic stage's verdict on one applicant. */
export interface DeterministicScore {
  application_id: string;
  candidate_id: string;
  score: number;
  reasons: string[];
  /** Required skills the applicant has, canonical names in the role's order. */
  matched_skills: string[];
  relevant_years: number;
}

/** Points per criterion; a criterion the role says nothing about is left out and the rest scaled to 100. */
export const WEIGHTS = { skills: 45, experience: 25, work_mode: 10, location: 10, availability: 5, work_rights: 5 } as const;

const PROFICIENCY_CREDIT: Record<string, number> = { expert: 1, advanced: 1, intermediate: 0.85, beginner: 0.6 };
const LISTED_CREDIT = 0.85;
/** A skill only mentioned in a job's title or description counts for less than one the candidate lists. */
const MENTIONED_CREDIT = 0.7;
/** Jobs unrelated to the role still count a little towards experience. */
const UNRELATED_JOB_WEIGHT = 0.25;
/** Years expected when the requirements name none. */
const DEFAULT_YEARS = 3;
const NOT_STATED = 0.5;

/** How well a preferred work mode suits the role's: [role][candidate]. */
const WORK_MODE_FIT: Record<string, Record<string, number>> = {
  onsite: { onsite: 1, hybrid: 0.5, remote: 0 },
  hybrid: { onsite: 0.7, hybrid: 1, remote: 0.3 },
  remote: { onsite: 0.4, hybrid: 0.7, remote: 1 },
};

const NOTICE = /(\d{1,2})\s*[_\s-]?\s*(day|week|month)s?/;
const DAYS_PER_UNIT: Record<string, number> = { day: 1, week: 7, month: 30 };

interface Part {
  weight: number;
  fit: number;
  reason: string;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const list = (names: string[], most = 4) => names.slice(0, most).join(', ') + (names.length > most ? ` and ${names.length - most} more` : '');

/** The required skills the applicant has and lacks, by name in the role's order, and the credit they earn. */
interface SkillsFound {
  have: string[];
  missing: string[];
  credit: number;
}

function skillsFound(criteria: RoleCriteria, matched: Map<string, number>): SkillsFound {
  const found: SkillsFound = { have: [], missing: [], credit: 0 };
  // forEach, not a spread of the entries: this runs for every applicant of a run.
  criteria.skills.forEach((name, key) => {
    const credit = matched.get(key);
    if (credit === undefined) found.missing.push(name);
    else {
      found.have.push(name);
      found.credit += credit;
    }
  });
  return found;
}

function skillsPart(criteria: RoleCriteria, applicant: Applicant, found: SkillsFound): Part | null {
  if (criteria.skills.size === 0) return null;
  const fit = found.credit / criteria.skills.size;
  if (!applicant.skills_shown && !applicant.employment_shown) return { weight: WEIGHTS.skills, fit, reason: 'Skills and work history not shown by the candidate' };
  const { have, missing } = found;
  const reason =
    have.length === 0
      ? `None of the required skills found (${list(missing)})`
      : `Matches ${have.length} of ${criteria.skills.size} required skills: ${list(have)}${missing.length > 0 ? `; missing ${list(missing, 3)}` : ''}`;
  return { weight: WEIGHTS.skills, fit, reason };
}

/** Days covered by the jobs, overlaps counted once. */
function coveredDays(jobs: Array<{ from: number; to: number }>): number {
  const sorted = [...jobs].sort((a, b) => a.from - b.from);
  let total = 0;
  let end = -Infinity;
  for (const job of sorted) {
    const from = Math.max(job.from, end);
    if (job.to > from) total += job.to - from;
    end = Math.max(end, job.to);
  }
  return total;
}

function experiencePart(criteria: RoleCriteria, applicant: Applicant, relevantJobs: boolean[]): { part: Part; years: number } {
  const target = criteria.required_years ?? DEFAULT_YEARS;
  const spans = applicant.employment.map((job) => jobSpan(job, criteria.today));
  const relevant = coveredDays(spans.filter((_, i) => relevantJobs[i])) / DAYS_PER_YEAR;
  const all = coveredDays(spans) / DAYS_PER_YEAR;
  const years = relevant + UNRELATED_JOB_WEIGHT * Math.max(0, all - relevant);
  // Mostly "enough years or not", with a little more for going beyond, so more relevant years never score lower.
  const fit = 0.9 * Math.min(1, years / target) + 0.1 * Math.min(1, years / (2 * target));
  const asked = criteria.required_years === null ? '' : ` (${criteria.required_years} asked for)`;
  const reason = !applicant.employment_shown
    ? 'Work history not shown by the candidate'
    : applicant.employment.length === 0
      ? 'No work history given'
      : `About ${round2(relevant).toFixed(1).replace(/\.0$/, '')} years of relevant experience${asked}`;
  return { part: { weight: WEIGHTS.experience, fit, reason }, years: round2(relevant) };
}

function workModePart(criteria: RoleCriteria, applicant: Applicant): Part | null {
  const fits = criteria.work_type ? WORK_MODE_FIT[criteria.work_type] : undefined;
  if (!fits || !criteria.work_type) return null;
  if (!applicant.work_mode) return { weight: WEIGHTS.work_mode, fit: NOT_STATED, reason: 'Preferred work mode not given' };
  const fit = fits[applicant.work_mode] ?? NOT_STATED;
  const reason = applicant.work_mode === criteria.work_type ? `Prefers ${applicant.work_mode} work, as the role is` : `Prefers ${applicant.work_mode} work; the role is ${criteria.work_type}`;
  return { weight: WEIGHTS.work_mode, fit, reason };
}

function locationPart(criteria: RoleCriteria, applicant: Applicant): Part | null {
  if (!criteria.state || criteria.work_type === 'remote') return null;
  const state = normaliseState(applicant.state);
  if (!state) return { weight: WEIGHTS.location, fit: NOT_STATED, reason: applicant.location_shown ? 'Location not given' : 'Location not shown by the candidate' };
  return state === criteria.state
    ? { weight: WEIGHTS.location, fit: 1, reason: `Based in ${state}, where the role is` }
    : { weight: WEIGHTS.location, fit: 0.2, reason: `Based in ${state}; the role is in ${criteria.state}` };
}

function availabilityPart(applicant: Applicant): Part {
  const stated = applicant.availability?.trim().toLowerCase();
  if (!stated) return { weight: WEIGHTS.availability, fit: NOT_STATED, reason: 'Availability not given' };
  if (stated.startsWith('immediate')) return { weight: WEIGHTS.availability, fit: 1, reason: 'Available immediately' };
  const notice = NOTICE.exec(stated);
  if (!notice) return { weight: WEIGHTS.availability, fit: NOT_STATED, reason: `Availability: ${stated.slice(0, 40)}` };
  const days = Number(notice[1]) * (DAYS_PER_UNIT[notice[2] ?? 'day'] ?? 1);
  const fit = days <= 14 ? 0.9 : days <= 31 ? 0.75 : days <= 62 ? 0.6 : 0.4;
  return { weight: WEIGHTS.availability, fit, reason: `Available in ${notice[1]} ${notice[2]}${notice[1] === '1' ? '' : 's'}` };
}

function workRightsPart(applicant: Applicant): Part {
  const stated = applicant.work_rights?.trim().toLowerCase();
  if (!stated) return { weight: WEIGHTS.work_rights, fit: NOT_STATED, reason: 'Work rights not given' };
  if (stated === 'citizen' || stated === 'permanent_resident') {
    return { weight: WEIGHTS.work_rights, fit: 1, reason: stated === 'citizen' ? 'Australian citizen' : 'Permanent resident' };
  }
  return stated.includes('visa')
    ? { weight: WEIGHTS.work_rights, fit: 0.7, reason: 'Holds a visa with work rights' }
    : { weight: WEIGHTS.work_rights, fit: NOT_STATED, reason: `Work rights: ${stated.slice(0, 40)}` };
}

/**
 * Scores one applicant against the role: required skills (canonical names, so "JS" is JavaScript), relevant years
 * from the work history, work mode, state, availability and work rights. Pure: the same inputs give the same score.
 */
export function scoreApplicant(criteria: RoleCriteria, matcher: SkillMatcher, applicant: Applicant): DeterministicScore {
  const matched = new Map<string, number>();
  for (const skill of applicant.skills) {
    const key = matcher.keyOf(skill.skill_name);
    if (!criteria.skills.has(key)) continue;
    const credit = (skill.proficiency_level && PROFICIENCY_CREDIT[skill.proficiency_level]) || LISTED_CREDIT;
    matched.set(key, Math.max(matched.get(key) ?? 0, credit));
  }
  const relevantJobs = applicant.employment.map((job) => {
    const mentioned = new Set<string>();
    matcher.mentions(job.job_title, mentioned);
    if (job.description) matcher.mentions(job.description, mentioned);
    for (const key of mentioned) matched.set(key, Math.max(matched.get(key) ?? 0, MENTIONED_CREDIT));
    return mentioned.size > 0 || titleWords(job.job_title).some((word) => criteria.title_words.has(word));
  });

  const experience = experiencePart(criteria, applicant, relevantJobs);
  const found = skillsFound(criteria, matched);
  const parts = [
    skillsPart(criteria, applicant, found),
    experience.part,
    locationPart(criteria, applicant),
    workModePart(criteria, applicant),
    availabilityPart(applicant),
    workRightsPart(applicant),
  ].filter((part): part is Part => part !== null);
  const weight = parts.reduce((sum, part) => sum + part.weight, 0);
  const score = round2((100 * parts.reduce((sum, part) => sum + part.weight * part.fit, 0)) / weight);
  const reasons =
    applicant.profile === 'shown'
      ? parts.map((part) => part.reason)
      : [applicant.profile === 'hidden' ? 'Profile hidden by the candidate: scored without it' : 'No profile yet: scored without one'];
  return {
    application_id: applicant.application_id,
    candidate_id: applicant.candidate_id,
    score,
    reasons,
    matched_skills: found.have,
    relevant_years: experience.years,
  };
}
