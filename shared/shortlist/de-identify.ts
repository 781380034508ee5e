import type { CandidateForRanking } from './rank-candidates-task';
import type { ApplicantForModel } from './applicant';
import type { DeterministicScore } from './deterministic-score';
import { DAYS_PER_YEAR, jobSpan } from './job-span';

const SUMMARY_CHARS = 200;
const MOST_JOBS = 5;
const MOST_SKILLS = 30;

const EMAIL = /[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+/g;
const URL = /\b(?:https?:\/\/|www\.)\S+/gi;
/** Eight or more digits, however spaced or punctuated: phone numbers, and any other long number. */
const LONG_NUMBER = /\+?\d(?:[\s().-]*\d){7,}/g;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Removes the candidate's own names, contact details and employers from free text, and any e-mail address,
 * web address or phone number. Built per applicant, only for the few the model sees.
 */
export function identifierScrubber(terms: readonly string[]): (text: string) => string {
  const names = terms.filter((t) => !t.includes('@')).sort((a, b) => b.length - a.length);
  const pattern = names.length > 0 ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'giu') : null;
  return (text) => {
    const cleaned = text.replace(EMAIL, '[email]').replace(URL, '[link]').replace(LONG_NUMBER, '[number]');
    return pattern ? cleaned.replace(pattern, '[redacted]') : cleaned;
  };
}

/** What the model may read of an applicant, under an opaque label. */
export function candidateForRanking(label: string, applicant: ApplicantForModel, verdict: DeterministicScore, today: number): CandidateForRanking {
  const scrub = identifierScrubber(applicant.identifying_terms);
  return {
    label,
    deterministic_score: verdict.score,
    findings: verdict.reasons,
    skills: applicant.skills.slice(0, MOST_SKILLS).map((s) => ({ name: scrub(s.skill_name).slice(0, 80), proficiency: s.proficiency_level })),
    employment: applicant.employment.slice(0, MOST_JOBS).map((job) => {
      const { from, to } = jobSpan(job, today);
      return {
        job_title: scrub(job.job_title).slice(0, 120),
        years: Math.round(((to - from) / DAYS_PER_YEAR) * 10) / 10,
        current: job.is_current,
        summary: job.description ? scrub(job.description.slice(0, SUMMARY_CHARS * 2)).slice(0, SUMMARY_CHARS) : null,
      };
    }),
    work_mode: applicant.work_mode,
    availability: applicant.availability,
    work_rights: applicant.work_rights,
    state: applicant.state,
  };
}
