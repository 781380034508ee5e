import { z } from 'zod';
import { AU_STATES } from '../domain/candidate-profile';
import { SKILL_TYPES } from '../domain/value-sets';
import { parseResumeOffline } from './offline/parse-resume-offline';
import { DATA_RULE, fenceCandidateData } from '../ai/fence';
import type { StructuredTask } from '../ai/types';

const text = (max: number) => z.string().trim().min(1).max(max);

function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').refine(isCalendarDate, 'A real calendar date');
const httpsUrl = z.url({ protocol: /^https$/, error: 'A full https:// address' }).max(2048);

/* Lengths follow the columns the values are stored in. */
export const ParsedLocationSchema = z.strictObject({
  suburb: text(100).nullable(),
  state: z.enum(AU_STATES).nullable(),
  postcode: z.string().regex(/^\d{4}$/, 'Four digits').nullable(),
  country: text(100).nullable(),
});

export const ParsedPersonalSchema = z.strictObject({
  first_name: text(100).nullable(),
  last_name: text(100).nullable(),
  email: z.email().max(320).nullable(),
  phone: text(40).nullable(),
  linkedin_url: httpsUrl.nullable(),
  portfolio_url: httpsUrl.nullable(),
  location: ParsedLocationSchema,
});

export const ParsedEmploymentSchema = z.strictObject({
  job_title: text(200),
  company_name: text(200),
  start_date: isoDate,
  end_date: isoDate.nullable(),
  is_current: z.boolean(),
  description: text(4000).nullable(),
});

export const ParsedEducationSchema = z.strictObject({
  institution: text(200),
  degree: text(200),
  field_of_study: text(200).nullable(),
  start_date: isoDate.nullable(),
  end_date: isoDate.nullable(),
  is_current: z.boolean(),
});

export const ParsedSkillSchema = z.strictObject({
  skill_name: text(100),
  skill_type: z.enum(SKILL_TYPES),
});

/** The original tool's ParsedResume; every field present (null when the resume does not say), as strict output requires. */
export const ParsedResumeSchema = z
  .strictObject({
    personal: ParsedPersonalSchema,
    employment: z.array(ParsedEmploymentSchema).max(30),
    education: z.array(ParsedEducationSchema).max(15),
    skills: z.array(ParsedSkillSchema).max(80),
    summary: text(2000).nullable(),
  })
  .meta({ id: 'ParsedResume' });

export type ParsedResume = z.infer<typeof ParsedResumeSchema>;
export type ParsedEmployment = z.infer<typeof ParsedEmploymentSchema>;
export type ParsedEducation = z.infer<typeof ParsedEducationSchema>;
export type ParsedSkill = z.infer<typeof ParsedSkillSchema>;

export interface ParseResumeInput {
  /** The resume's text: Document Intelligence markdown, or text read locally. */
  documentText: string;
}

function valid<T>(schema: z.ZodType<T>, value: T): boolean {
  return schema.safeParse(value).success;
}

/** The offline rules guess; whatever they guessed that the schema would refuse is dropped, never sent on. */
function keepValid(resume: ParsedResume): ParsedResume {
  const personal = { ...resume.personal, location: { ...resume.personal.location } };
  for (const key of Object.keys(ParsedPersonalSchema.shape) as Array<keyof typeof personal>) {
    if (key === 'location') continue;
    if (!valid(ParsedPersonalSchema.shape[key], personal[key])) personal[key] = null;
  }
  for (const key of Object.keys(ParsedLocationSchema.shape) as Array<keyof typeof personal.location>) {
    if (!valid<unknown>(ParsedLocationSchema.shape[key], personal.location[key])) personal.location[key] = null;
  }
  return {
    personal,
    employment: resume.employment.filter((e) => valid(ParsedEmploymentSchema, e)).slice(0, 30),
    education: resume.education.filter((e) => valid(ParsedEducationSchema, e)).slice(0, 15),
    skills: resume.skills.filter((s) => valid(ParsedSkillSchema, s)).slice(0, 80),
    summary: valid(ParsedResumeSchema.shape.summary, resume.summary) ? resume.summary : null,
  };
}

export const parseResumeTask: StructuredTask<ParseResumeInput, ParsedResume> = {
  name: 'parse-resume',
  purpose: 'extraction',
  promptVersion: 'parse-resume/v1',
  schema: ParsedResumeSchema,
  maxTokens: 4000,
  temperature: 0,
  messages: (input) => [
    {
      role: 'system',
      content:
        'You extract structured data from a candidate\'s resume for an Australian recruitment platform. Rules: ' +
        'use only what the resume states and null for anything it does not state; never invent. Dates are ' +
        'YYYY-MM-DD: with only a month and year use the first of that month, with only a year use 1 January. A ' +
        'current role has is_current true and end_date null. state is the Australian state or territory ' +
        'abbreviation (NSW, VIC, QLD, WA, SA, TAS, ACT, NT) or null; postcode is four digits or null; country is ' +
        'Australia unless the resume names another. Write web addresses in full with https://. Skills are short ' +
        'names; skill_type is hard for technical skills, tools and domain knowledge, soft for interpersonal ' +
        'skills. description is the role\'s duties and achievements in a few sentences; summary is the ' +
        `candidate's own summary or objective, or null. ${DATA_RULE} Answer only with JSON matching the schema.`,
    },
    { role: 'user', content: fenceCandidateData('resume', input.documentText) },
  ],
  offline: (input) => keepValid(parseResumeOffline(input.documentText)),
};
