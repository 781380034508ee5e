import { z } from 'zod';
import { DATA_RULE, fenceCandidateData } from '../ai/fence';
import { findSkills } from '../skills/skill-vocabulary';
import type { StructuredTask } from '../ai/types';

const item = z.string().trim().min(1).max(300);

/** The original tool's shape: every list required; 5 to 7 suggested interview questions. */
export const JobRequirementsSchema = z
  .strictObject({
    skills: z.array(item).max(40),
    experience: z.array(item).max(20),
    qualifications: z.array(item).max(20),
    responsibilities: z.array(item).max(30),
    interviewQuestions: z.array(item).min(5).max(7),
  })
  .meta({ id: 'JobRequirements' });

export type JobRequirements = z.infer<typeof JobRequirementsSchema>;

export interface ExtractRequirementsInput {
  jobDescription: string;
  jobTitle: string | null;
}

function sentences(text: string): string[] {
  return text
    .split(/\r?\n|(?<=[.!?])\s+/)
    .map((line) => line.replace(/^[\s•*\-–·\d.)]+/, '').trim())
    .filter((line) => line.length > 3);
}

const RESPONSIBILITY_VERB = /^(build|design|develop|lead|manage|own|deliver|maintain|support|work|collaborate|mentor|drive|implement|create|write|review|coordinate|ensure|prepare|provide|analyse|analyze|report)\b/i;

/** Rule-based extraction: vocabulary skills, sentences about years and qualifications, verb-led duties. */
function extractOffline(input: ExtractRequirementsInput): JobRequirements {
  const lines = sentences(input.jobDescription);
  const skills = findSkills(input.jobDescription).slice(0, 20);
  const experience = lines.filter((l) => /\b(\d+\+?\s*(years|yrs)|experience)\b/i.test(l)).slice(0, 8);
  const qualifications = lines.filter((l) => /\b(degree|bachelor|master|diploma|certificat|licen[cs]e|qualification|registration|phd)\w*/i.test(l)).slice(0, 8);
  const responsibilities = lines.filter((l) => RESPONSIBILITY_VERB.test(l)).slice(0, 12);
  const role = input.jobTitle?.trim() || 'this role';
  const questions = [
    // The interviewer's greeting already asks for an introduction.
    `What draws you to ${role}, and what would you bring to it?`,
    ...skills.slice(0, 3).map((s) => `Describe a recent piece of work where you used ${s}. What was your part, and what was the result?`),
    ...responsibilities.slice(0, 2).map((r) => `This role involves the following: "${r.slice(0, 120)}". How have you handled something similar?`),
    'Tell me about a time you disagreed with a colleague. How did you resolve it?',
    'Describe a problem you solved that you are proud of, and how you approached it.',
    'What would you want to achieve in your first three months here?',
  ];
  return { skills, experience, qualifications, responsibilities, interviewQuestions: [...new Set(questions)].slice(0, 7) };
}

export const extractRequirementsTask: StructuredTask<ExtractRequirementsInput, JobRequirements> = {
  name: 'extract-requirements',
  purpose: 'extraction',
  promptVersion: 'extract-requirements/v1',
  schema: JobRequirementsSchema,
  maxTokens: 1500,
  temperature: 0.2,
  messages: (input) => [
    {
      role: 'system',
      content:
        'You are an experienced HR analyst in Australia. Extract the structured requirements of a job from its ' +
        'description: skills (short names), experience requirements, qualifications, responsibilities, and 5 to 7 ' +
        'interview questions that test the most important requirements, one topic per question, in Australian ' +
        `English. Use only what the description states or clearly implies. ${DATA_RULE} Answer only with JSON ` +
        'matching the schema.',
    },
    {
      role: 'user',
      content: `Job title: ${input.jobTitle ?? '(not given)'}\n\n${fenceCandidateData('job description', input.jobDescription)}`,
    },
  ],
  offline: extractOffline,
};
