/**
 * A resume's text as clean lines, split into the sections resumes conventionally have. Works on the light markdown
 * every reader here produces (PDF layout, Word structure, Document Intelligence) and on plain text alike.
 */
export type SectionName = 'header' | 'summary' | 'experience' | 'education' | 'skills' | 'licences' | 'referees' | 'other';

export interface ResumeLine {
  text: string;
  /** Printed as a list item. */
  bullet: boolean;
  /** 1 for the document's title ("# "), 2 for a heading ("## "), 0 for body text. */
  level: 0 | 1 | 2;
}

export type ResumeSections = Record<SectionName, ResumeLine[]>;

/** Heading words by section, as writers title them (compared in lower case, "&" read as "and", spacing ignored). */
const HEADINGS: Array<[Exclude<SectionName, 'header'> | 'header', string[]]> = [
  ['summary', ['summary', 'profile', 'objective', 'about', 'about me', 'overview', 'introduction', 'personal statement', 'professional summary', 'professional profile', 'career summary', 'career profile', 'career objective', 'personal profile', 'executive summary', 'career overview', 'summary of experience']],
  ['experience', ['experience', 'work experience', 'professional experience', 'relevant experience', 'employment', 'employment history', 'employment experience', 'work history', 'career history', 'career', 'professional history', 'positions held', 'work', 'career experience', 'experience history', 'professional background', 'industry experience']],
  ['education', ['education', 'study', 'studies', 'qualifications', 'academic background', 'academic qualifications', 'education and training', 'training', 'education and qualifications', 'training and education', 'qualifications and training', 'tertiary education', 'academic history', 'education history', 'formal education']],
  ['skills', ['skills', 'key skills', 'core skills', 'technical skills', 'skills and tools', 'tools', 'core competencies', 'competencies', 'capabilities', 'key capabilities', 'expertise', 'areas of expertise', 'strengths', 'key strengths', 'skills and abilities', 'technologies', 'tech stack', 'skill set', 'skillset', 'software', 'tools and technologies', 'skills and expertise', 'skills and competencies', 'professional skills', 'key competencies']],
  ['licences', ['licences', 'licenses', 'licence', 'license', 'tickets', 'licences and tickets', 'tickets and licences', 'licences and certifications', 'licenses and certifications', 'certifications', 'certificates', 'certification', 'registrations', 'registration', 'accreditations', 'licences and certificates', 'clearances', 'licences and registrations', 'professional registration']],
  ['referees', ['referees', 'references', 'reference', 'referee']],
  ['header', ['contact', 'contact details', 'personal details', 'details', 'contact information', 'personal information']],
  ['other', ['interests', 'hobbies', 'volunteering', 'volunteer experience', 'volunteer work', 'community', 'community involvement', 'awards', 'achievements', 'awards and achievements', 'projects', 'publications', 'languages', 'memberships', 'professional memberships', 'affiliations', 'additional information', 'activities', 'extracurricular activities']],
];

const headingKey = (text: string) => text.toLowerCase().replace(/&/g, ' and ').replace(/[^\p{L}\s]/gu, ' ').replace(/\s+/g, ' ').trim();
const BY_KEY = new Map<string, SectionName>();
for (const [section, words] of HEADINGS) {
  for (const word of words) {
    BY_KEY.set(headingKey(word), section);
    BY_KEY.set(headingKey(word).replace(/ /g, ''), section);
  }
}

const MAX_HEADING_LENGTH = 50;
/** Longer than any resume line; cutting there keeps every rule below linear in practice. */
const MAX_LINE_LENGTH = 1000;
const BULLET = /^\s*(?:[-*+•▪◦·‣●■□➢➤►✓✔–]|\d{1,2}[.)])\s+/;

function cleanLine(line: string): ResumeLine {
  let text = line.slice(0, MAX_LINE_LENGTH);
  const heading = /^\s{0,3}(#{1,6})\s+/.exec(text);
  let level: ResumeLine['level'] = 0;
  if (heading?.[1]) {
    level = heading[1].length === 1 ? 1 : 2;
    text = text.slice(heading[0].length);
  }
  text = text.replace(/\*\*|__/g, '').replace(/<\/?[a-z][^>]{0,200}>/gi, ' ');
  const bullet = BULLET.test(text);
  if (bullet) text = text.replace(BULLET, '');
  return { text: text.replace(/\t|[ \u00a0]{3,}/g, '   ').trim(), bullet, level };
}

/** Non-empty lines without markdown, bullets, page markers, table rules or underlines. */
export function resumeLines(text: string): ResumeLine[] {
  return text
    .replace(/<!--[\s\S]*?-->/g, '\n')
    .replace(/<\/(td|th|tr|p|li)>/gi, '\n')
    .split('\n')
    .map(cleanLine)
    .filter((line) => line.text.length > 0 && !/^[|:\-=_~\s]+$/.test(line.text) && !/^-- \d+ of \d+ --$/.test(line.text));
}

export function headingOf(text: string): SectionName | null {
  if (text.length > MAX_HEADING_LENGTH) return null;
  const key = headingKey(text.replace(/:\s*$/, ''));
  return BY_KEY.get(key) ?? BY_KEY.get(key.replace(/ /g, '')) ?? null;
}

/** A line drawn as a heading that names no known section: a section of its own, unless it reads as a job or a date. */
function isOtherHeading(line: ResumeLine): boolean {
  return line.level === 2 && !/\d{4}/.test(line.text) && line.text.split(' ').length <= 4;
}

export const REFERENCES_ON_REQUEST = /\breferee?s?\b.{0,40}\b(available|provided|supplied|on request|upon request)\b|\bavailable (on|upon) request\b/i;

export function splitSections(lines: ResumeLine[]): ResumeSections {
  const sections: ResumeSections = { header: [], summary: [], experience: [], education: [], skills: [], licences: [], referees: [], other: [] };
  let current: SectionName = 'header';
  for (const line of lines) {
    const heading = line.bullet ? null : headingOf(line.text);
    if (heading) {
      current = heading;
      continue;
    }
    if (isOtherHeading(line) && current !== 'header') {
      current = 'other';
      continue;
    }
    // "References available on request" closes whatever section it trails.
    if (REFERENCES_ON_REQUEST.test(line.text)) {
      sections.referees.push(line);
      continue;
    }
    // "Skills: TypeScript, React" is a one-line skills section.
    const inline = /^((key|technical|core) )?skills\s*:\s*(.+)$/i.exec(line.text);
    if (inline?.[3] && current !== 'skills') {
      sections.skills.push({ ...line, text: inline[3] });
      continue;
    }
    sections[current].push(line);
  }
  return sections;
}
