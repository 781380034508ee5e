import { z } from 'zod';
import {
  ParsedEducationSchema,
  ParsedEmploymentSchema,
  ParsedLocationSchema,
  ParsedPersonalSchema,
  ParsedSkillSchema,
  type ParsedEducation,
  type ParsedEmployment,
  type ParsedResume,
  type ParsedSkill,
} from './parse-resume-task';
import { RESUME_PROFILE_FIELDS, type ResumeProfileField, type ResumeProfileValues } from '../db/repositories/resume-import';
import { looksLikeDegree } from './offline/resume-education';
import { looksLikeTitle } from './offline/resume-roles';
import { REFERENCES_ON_REQUEST, resumeLines, splitSections } from './offline/resume-sections';

/**
 * How far each parsed value can be trusted, from 0 to 1, judged the same way whatever parsed it (offline rules or
 * a model): is the value printed in the resume, does it read as what it claims to be (a title, a degree, a date
 * that is not in the future), was a skill listed by the candidate or only recognised in passing. Only what reaches
 * IMPORT_THRESHOLD is imported; the rest is offered back as suggestions the candidate can accept.
 */
export const IMPORT_THRESHOLD = 0.75;
/** A value the resume does not print (a model's paraphrase or invention) is never imported on its own say. */
const UNPRINTED_CAP = 0.6;

const Confidence = z.number().min(0).max(1);

export const ResumeConfidenceSchema = z
  .object({
    profile: z.partialRecord(z.enum(RESUME_PROFILE_FIELDS), Confidence).describe('Per profile field the resume states.'),
    summary: Confidence.nullable(),
    employment: z.array(Confidence).describe('One per data.employment row, in order.'),
    education: z.array(Confidence).describe('One per data.education row, in order.'),
    skills: z.array(Confidence).describe('One per data.skills row, in order.'),
  })
  .meta({ id: 'ResumeConfidence' });
export type ResumeConfidence = z.infer<typeof ResumeConfidenceSchema>;

const suggested = { confidence: Confidence.optional().describe('As parsed; ignored when accepting.') };
const ProfileSuggestionSchema = ParsedPersonalSchema.omit({ location: true }).extend(ParsedLocationSchema.shape).partial();

export const ResumeSuggestionsSchema = z
  .strictObject({
    profile: ProfileSuggestionSchema.default({}),
    employment: z.array(ParsedEmploymentSchema.extend(suggested)).max(30).default([]),
    education: z.array(ParsedEducationSchema.extend(suggested)).max(15).default([]),
    skills: z.array(ParsedSkillSchema.extend(suggested)).max(80).default([]),
  })
  .meta({ id: 'ResumeSuggestions' });
export type ResumeSuggestions = z.infer<typeof ResumeSuggestionsSchema>;

/** Lower case, NFC, one space: how a value is looked for in the resume. */
const plain = (text: string) => text.normalize('NFC').toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();
const digitsOf = (text: string) => text.replace(/\D/g, '');

class Printed {
  private readonly text: string;
  private readonly digits: string;
  constructor(documentText: string) {
    this.text = plain(documentText);
    this.digits = digitsOf(documentText);
  }
  has(value: string | null | undefined): boolean {
    return Boolean(value) && this.text.includes(plain(value ?? ''));
  }
  hasYear(date: string | null): boolean {
    return date === null || this.text.includes(date.slice(0, 4));
  }
  hasPhone(phone: string): boolean {
    const national = digitsOf(phone).replace(/^61/, '0');
    return this.digits.includes(national) || this.digits.includes(`61${national.slice(1)}`);
  }
  hasAddress(url: string): boolean {
    return this.has(url.replace(/^https?:\/\/(www\.)?/i, '').replace(/\/$/, ''));
  }
}

const clamp = (n: number) => Math.round(Math.max(0, Math.min(1, n)) * 100) / 100;
const capUnprinted = (score: number, printed: boolean) => clamp(printed ? score : Math.min(score, UNPRINTED_CAP));
const isClean = (text: string) => text.split(/\s+/).length <= 10 && text.length <= 90 && !/[.;:!?]$/.test(text);
const future = (date: string | null, now: Date) => date !== null && date > now.toISOString().slice(0, 10);

function profileValues(resume: ParsedResume): ResumeProfileValues {
  const { personal } = resume;
  return { ...personal.location, first_name: personal.first_name, last_name: personal.last_name, email: personal.email, phone: personal.phone, linkedin_url: personal.linkedin_url, portfolio_url: personal.portfolio_url };
}

function profileConfidence(field: ResumeProfileField, value: string, printed: Printed): number {
  switch (field) {
    case 'email':
      return printed.has(value) ? 0.98 : 0.2;
    case 'phone':
      return printed.hasPhone(value) ? 0.95 : 0.2;
    case 'linkedin_url':
    case 'portfolio_url':
      return printed.hasAddress(value) ? 0.9 : 0.2;
    // Australia is the default for an Australian platform unless the resume names another country.
    case 'country':
      return printed.has(value) ? 0.9 : 0.8;
    default:
      return printed.has(value) ? 0.9 : 0.3;
  }
}

function employmentConfidence(job: ParsedEmployment, printed: Printed, now: Date): number {
  let score = 0.1;
  if (printed.has(job.job_title)) score += 0.25;
  if (printed.has(job.company_name)) score += 0.25;
  if (looksLikeTitle(job.job_title)) score += 0.15;
  if (isClean(job.job_title) && isClean(job.company_name)) score += 0.1;
  else score -= 0.3;
  if (printed.hasYear(job.start_date) && printed.hasYear(job.end_date)) score += 0.15;
  if ((job.end_date !== null && job.end_date < job.start_date) || future(job.start_date, now)) score -= 0.3;
  return capUnprinted(score, printed.has(job.job_title) && printed.has(job.company_name));
}

function educationConfidence(school: ParsedEducation, printed: Printed, now: Date): number {
  let score = 0.1;
  if (printed.has(school.degree)) score += 0.25;
  if (printed.has(school.institution)) score += 0.25;
  if (looksLikeDegree(school.degree)) score += 0.15;
  if (isClean(school.degree) && isClean(school.institution)) score += 0.1;
  else score -= 0.3;
  if (printed.hasYear(school.start_date) && printed.hasYear(school.end_date)) score += 0.15;
  if (school.start_date !== null && school.end_date !== null && school.end_date < school.start_date) score -= 0.3;
  if (future(school.start_date, now)) score -= 0.3;
  return capUnprinted(score, printed.has(school.degree) && printed.has(school.institution));
}

function skillConfidence(skill: ParsedSkill, printed: Printed, listed: Printed): number {
  if (REFERENCES_ON_REQUEST.test(skill.skill_name) || skill.skill_name.split(/\s+/).length > 6) return 0.1;
  if (listed.has(skill.skill_name)) return 0.9;
  // Recognised in passing (a job's bullet points), not listed by the candidate: offered, not imported.
  return printed.has(skill.skill_name) ? 0.6 : 0.3;
}

export function assessResume(resume: ParsedResume, documentText: string, now = new Date()): ResumeConfidence {
  const printed = new Printed(documentText);
  const sections = splitSections(resumeLines(documentText.normalize('NFC')));
  const listed = new Printed(sections.skills.map((line) => line.text).join('\n'));
  const profile: ResumeConfidence['profile'] = {};
  const values = profileValues(resume);
  for (const field of RESUME_PROFILE_FIELDS) {
    const value = values[field];
    if (value !== null) profile[field] = profileConfidence(field, value, printed);
  }
  return {
    profile,
    summary: resume.summary === null ? null : printed.has(resume.summary.slice(0, 60)) ? 0.9 : 0.5,
    employment: resume.employment.map((job) => employmentConfidence(job, printed, now)),
    education: resume.education.map((school) => educationConfidence(school, printed, now)),
    skills: resume.skills.map((skill) => skillConfidence(skill, printed, listed)),
  };
}

export interface ResumeImportPlan {
  /** What the import may write: profile fields and rows at or above the threshold. */
  accepted: { profile: Partial<ResumeProfileValues>; employment: ParsedEmployment[]; education: ParsedEducation[]; skills: ParsedSkill[] };
  suggestions: ResumeSuggestions;
}

function partition<T>(rows: T[], scores: number[]): { above: T[]; below: Array<T & { confidence: number }> } {
  const above: T[] = [];
  const below: Array<T & { confidence: number }> = [];
  rows.forEach((row, i) => {
    const confidence = scores[i] ?? 0;
    if (confidence >= IMPORT_THRESHOLD) above.push(row);
    else below.push({ ...row, confidence });
  });
  return { above, below };
}

/** Splits a parse into what is imported and what is only suggested. */
export function planImport(resume: ParsedResume, confidence: ResumeConfidence): ResumeImportPlan {
  const values = profileValues(resume);
  const profile: Partial<ResumeProfileValues> = {};
  const below: Array<[ResumeProfileField, string]> = [];
  for (const field of RESUME_PROFILE_FIELDS) {
    const value = values[field];
    if (value === null) continue;
    if ((confidence.profile[field] ?? 0) >= IMPORT_THRESHOLD) profile[field] = value;
    else below.push([field, value]);
  }
  const employment = partition(resume.employment, confidence.employment);
  const education = partition(resume.education, confidence.education);
  const skills = partition(resume.skills, confidence.skills);
  return {
    accepted: { profile, employment: employment.above, education: education.above, skills: skills.above },
    // The values come from a parse that was validated already; parsing again only restores their precise types.
    suggestions: { profile: ProfileSuggestionSchema.parse(Object.fromEntries(below)), employment: employment.below, education: education.below, skills: skills.below },
  };
}
