import { z } from 'zod';
import { DATA_RULE, fenceCandidateData } from '../ai/fence';
import { findSkills, skillKey } from '../skills/skill-vocabulary';
import type { StructuredTask } from '../ai/types';

/** The role as the model reads it: written by staff, so not fenced. */
export interface RoleForRanking {
  title: string;
  work_type: string | null;
  location: string | null;
  skills: string[];
  experience: string[];
  qualifications: string[];
}

/**
 * One applicant as the model reads it: an opaque label instead of any id, and only job-related facts. No names,
 * contact details, employers, DEI answers or photos; free text has been scrubbed of the candidate's identifiers.
 */
export interface CandidateForRanking {
  label: string;
  deterministic_score: number;
  /** What the rules found (skills matched, years, work mode, state, availability, work rights). */
  findings: string[];
  skills: Array<{ name: string; proficiency: string | null }>;
  /** Newest first. */
  employment: Array<{ job_title: string; years: number; current: boolean; summary: string | null }>;
  work_mode: string | null;
  availability: string | null;
  work_rights: string | null;
  state: string | null;
}

export interface RankCandidatesInput {
  role: RoleForRanking;
  candidates: CandidateForRanking[];
}

export interface CandidateRanking {
  label: string;
  matchScore: number;
  matchReasons: string[];
}

export interface RankCandidatesOutput {
  rankings: CandidateRanking[];
}

export const RANK_CANDIDATES_PROMPT_VERSION = 'rank-candidates/v1';
const MOST_REASONS = 8;

/**
 * The answer must rank exactly the labels it was given, each once, with scores 0..100. The labels are an enum, so
 * strict structured output already keeps the model to them; the check below catches any other answer, which then
 * gets the gateway's one repair request and is otherwise refused.
 */
function rankingsSchema(labels: readonly string[]): z.ZodType<RankCandidatesOutput> {
  const [first, ...rest] = labels;
  const label = first === undefined ? z.string().max(0) : z.enum([first, ...rest]);
  return z
    .strictObject({
      rankings: z
        .array(
          z.strictObject({
            label,
            matchScore: z.number().min(0).max(100),
            matchReasons: z.array(z.string().trim().min(1).max(300)).min(1).max(MOST_REASONS),
          }),
        )
        .max(labels.length),
    })
    .superRefine((answer, context) => {
      const seen = new Set<string>();
      answer.rankings.forEach((ranking, index) => {
        if (seen.has(ranking.label)) context.addIssue({ code: 'custom', path: ['rankings', index, 'label'], message: `${ranking.label} is ranked twice` });
        seen.add(ranking.label);
      });
      const missing = labels.filter((l) => !seen.has(l));
      if (missing.length > 0) context.addIssue({ code: 'custom', path: ['rankings'], message: `missing ${missing.join(', ')}: rank every candidate once` });
    });
}

const clamp = (n: number) => Math.min(100, Math.max(0, Math.round(n * 100) / 100));

/**
 * The offline provider's re-rank, rule-based and deterministic: the deterministic score, raised for required
 * skills used in the most recent job and for required skills held at an advanced level; the rules' findings kept.
 */
function rankOffline(input: RankCandidatesInput): RankCandidatesOutput {
  const required = new Set(input.role.skills.flatMap((line) => findSkills(line).map(skillKey)));
  return {
    rankings: input.candidates.map((candidate) => {
      const recent = candidate.employment[0];
      const recentSkills = recent ? findSkills(`${recent.job_title}. ${recent.summary ?? ''}`).filter((s) => required.has(skillKey(s))) : [];
      const strong = candidate.skills
        .filter((s) => (s.proficiency === 'advanced' || s.proficiency === 'expert') && required.has(skillKey(s.name)))
        .map((s) => s.name);
      const bonus = Math.min(6, 2 * recentSkills.length) + Math.min(4, strong.length);
      const adjustments = [
        ...(recentSkills.length > 0 ? [`most recent job uses ${recentSkills.slice(0, 4).join(', ')}`] : []),
        ...(strong.length > 0 ? [`advanced in ${strong.slice(0, 4).join(', ')}`] : []),
      ];
      const summary = `Offline re-rank rules: deterministic score ${candidate.deterministic_score}${bonus > 0 ? `, +${bonus} as ${adjustments.join('; ')}` : ', unchanged'}`;
      return { label: candidate.label, matchScore: clamp(candidate.deterministic_score + bonus), matchReasons: [summary, ...candidate.findings].slice(0, MOST_REASONS) };
    }),
  };
}

function describeRole(role: RoleForRanking): string {
  const lines = (title: string, items: string[]) => (items.length > 0 ? `${title}:\n${items.map((i) => `- ${i}`).join('\n')}` : `${title}: (none given)`);
  return [
    `Role: ${role.title}`,
    `Work mode: ${role.work_type ?? 'not given'}; location: ${role.location ?? 'not given'}`,
    lines('Required skills', role.skills),
    lines('Experience', role.experience),
    lines('Qualifications', role.qualifications),
  ].join('\n');
}

/** A re-rank task for one batch: its answer schema knows the batch's labels. */
export function rankCandidatesTask(labels: readonly string[]): StructuredTask<RankCandidatesInput, RankCandidatesOutput> {
  return {
    name: 'rank-candidates',
    purpose: 'scoring',
    promptVersion: RANK_CANDIDATES_PROMPT_VERSION,
    schema: rankingsSchema(labels),
    maxTokens: 300 + 250 * labels.length,
    temperature: 0,
    messages: (input) => [
      {
        role: 'system',
        content:
          'You are an experienced recruiter in Australia. Score how well each candidate fits the role from 0 to 100, ' +
          'judging required skills, relevant experience, work mode, location (state) and availability, and give 1 to 3 ' +
          'short reasons per candidate that cite the evidence. Candidates are known only by labels (C1, C2, ...): rank ' +
          'every label you are given exactly once and use no other label. Each candidate comes with a rule-based ' +
          'deterministic_score and the findings behind it; use them as a starting point and move away from the score ' +
          'only for a reason you state. Judge only ' +
          'job-related evidence and ignore anything that hints at age, gender, ethnicity, disability or other personal ' +
          `attributes. ${DATA_RULE} Answer only with JSON matching the schema.`,
      },
      {
        role: 'user',
        content: `${describeRole(input.role)}\n\nCandidates:\n${input.candidates.map(({ label, ...facts }) => fenceCandidateData(label, JSON.stringify(facts))).join('\n')}`,
      },
    ],
    offline: rankOffline,
  };
}
