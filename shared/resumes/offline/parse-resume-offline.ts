import type { ParsedResume } from '../parse-resume-task';
import { findPersonal } from './resume-contact';
import { findEducation } from './resume-education';
import { findEmployment } from './resume-employment';
import { resumeLines, splitSections, type ResumeLine } from './resume-sections';
import { findResumeSkills } from './resume-skills';

const MAX_SUMMARY = 2000;
const texts = (lines: ResumeLine[]) => lines.map((l) => l.text);

/**
 * The offline provider's resume parser: conventional sections (headings in plain words too), Australian contact
 * formats and date ranges read by rules. Referees are read only to be left out. Deterministic, so local runs and
 * tests get the same answer for the same file.
 */
export function parseResumeOffline(text: string): ParsedResume {
  const lines = resumeLines(text.normalize('NFC'));
  const sections = splitSections(lines);
  const withoutReferees = [...texts(sections.header), ...texts(sections.summary), ...texts(sections.experience), ...texts(sections.education), ...texts(sections.skills), ...texts(sections.licences), ...texts(sections.other)].join('\n');
  // Without a summary heading, a paragraph among the contact lines is the summary.
  const paragraph = sections.header.filter((line) => line.text.split(' ').length >= 8 && !/@|\d{3}/.test(line.text) && /[.!]$/.test(line.text));
  const summary = texts(sections.summary.length > 0 ? sections.summary : paragraph).join(' ').slice(0, MAX_SUMMARY).trim();
  return {
    personal: findPersonal(sections.header, lines, withoutReferees),
    employment: findEmployment(sections.experience),
    education: findEducation(sections.education),
    skills: findResumeSkills(sections.skills, [...texts(sections.summary), ...texts(sections.experience)].join('\n')).skills,
    summary: summary || null,
  };
}
