import type { ParsedResume } from '../parse-resume-task';
import { findPersonal } from './resume-contact';
import { findEducation } from './resume-education';
import { findEmployment } from './resume-employment';
import { resumeLines, splitSections } from './resume-sections';
import { findResumeSkills } from './resume-skills';

const MAX_SUMMARY = 2000;

/**
 * The offline provider's resume parser: conventional sections, Australian contact formats and date ranges read
 * by rules. Deterministic, so local runs and tests get the same answer for the same file.
 */
export function parseResumeOffline(text: string): ParsedResume {
  const lines = resumeLines(text);
  const sections = splitSections(lines);
  const body = [...sections.summary, ...sections.experience, ...sections.education, ...sections.other].join('\n');
  const summary = sections.summary.join(' ').slice(0, MAX_SUMMARY).trim();
  return {
    personal: findPersonal(sections.header, lines.join('\n')),
    employment: findEmployment(sections.experience),
    education: findEducation(sections.education),
    skills: findResumeSkills(sections.skills, body),
    summary: summary || null,
  };
}
