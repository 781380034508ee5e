/**
 * A resume's text as clean lines, split into the sections resumes conventionally have. Works on plain text
 * (PDF, DOCX) and on Document Intelligence markdown alike.
 */
export type SectionName = 'header' | 'summary' | 'experience' | 'education' | 'skills' | 'other';

export type ResumeSections = Record<SectionName, string[]>;

const HEADINGS: Array<[Exclude<SectionName, 'header'>, RegExp]> = [
  ['summary', /^((professional|career|personal) )?(summary|profile|objective|about( me)?|overview)$/],
  ['experience', /^((professional|work|relevant|employment|career) )?(experience|history|employment)( history)?$/],
  ['education', /^(education|qualifications|academic (background|qualifications)|education (and|&) (training|qualifications))$/],
  ['skills', /^((key|technical|core|professional) )?(skills|competencies|capabilities|expertise)( (and|&) (tools|technologies|expertise|competencies))?$/],
  ['other', /^(references?|referees|certifications?|licen[cs]es( (and|&) certifications)?|awards|interests|hobbies|volunteering|volunteer experience|projects|publications|languages|achievements)$/],
];

const MAX_HEADING_LENGTH = 50;
/** Longer than any resume line; cutting there keeps every rule below linear in practice. */
const MAX_LINE_LENGTH = 1000;

function cleanLine(line: string): string {
  return line
    .replace(/^\s{0,3}#{1,6}\s+/, '')
    .replace(/\*\*|__/g, '')
    .replace(/^\s*(?:[-*+•▪◦·‣]|\d{1,2}[.)])\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Non-empty lines without markdown, bullets, page markers or table rules. */
export function resumeLines(text: string): string[] {
  return text
    .replace(/<!--[\s\S]*?-->/g, '\n')
    .split('\n')
    .map((line) => cleanLine(line.slice(0, MAX_LINE_LENGTH)))
    .filter((line) => line.length > 0 && !/^[|:\-\s]+$/.test(line) && !/^-- \d+ of \d+ --$/.test(line));
}

export function headingOf(line: string): Exclude<SectionName, 'header'> | null {
  if (line.length > MAX_HEADING_LENGTH) return null;
  const key = line.toLowerCase().replace(/[:|]+$/, '').trim();
  return HEADINGS.find(([, pattern]) => pattern.test(key))?.[0] ?? null;
}

export function splitSections(lines: string[]): ResumeSections {
  const sections: ResumeSections = { header: [], summary: [], experience: [], education: [], skills: [], other: [] };
  let current: SectionName = 'header';
  for (const line of lines) {
    const heading = headingOf(line);
    if (heading) {
      current = heading;
      continue;
    }
    // "Skills: TypeScript, React" is a one-line skills section.
    const inline = /^((key|technical|core) )?skills\s*:\s*(.+)$/i.exec(line);
    if (inline?.[3]) {
      sections.skills.push(inline[3]);
      continue;
    }
    sections[current].push(line);
  }
  return sections;
}
