import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TabStopType, TextRun, WidthType } from 'docx';
import PDFDocument from 'pdfkit';
import { PEOPLE, type Job, type Person, type Study, type YearMonth } from './eval-resumes-people';

/**
 * Writes the labelled resume corpus into tests/fixtures/resumes: each person of eval-resumes-people laid out the
 * way a different writer would (PDF one or two columns, sidebars, right-aligned dates, letter-spaced headings,
 * pills, running headers and a page break inside an entry; Word with heading styles, tables, bold capitals; plain
 * text), and beside each file its ground truth (`<name>.truth.json`). Run with `npm run eval:resumes -- --write-corpus`
 * after changing people or layouts; the files are committed so the figures do not move with the generators.
 */
export type Format = 'pdf' | 'docx' | 'txt';
type Layout = 'classic' | 'letterspaced' | 'sidebar' | 'rightsidebar' | 'rightdates' | 'twopage' | 'pills' | 'styled' | 'jobtable' | 'skilltable' | 'boldcaps' | 'plain' | 'underlined' | 'decomposed';
/** How a job's title, employer and dates sit: see entryBlocks. */
type Entry = 'title|company/date' | 'title,company+date' | 'title+date/company' | 'company+date/title' | 'date/title/company' | 'title/company/date' | 'title at company (date)' | 'company/title+date';
type DateStyle = 'Mon YYYY – Present' | 'MM/YYYY - MM/YYYY' | 'YYYY–YYYY' | 'Month YYYY to now' | 'YYYY - Current' | 'Mon. YYYY — Today';
type SkillStyle = 'comma' | 'middot' | 'pipe' | 'lines' | 'pills' | 'table' | 'labelled';

interface Style {
  format: Format;
  layout: Layout;
  entry: Entry;
  dates: DateStyle;
  headings: number;
  separator: string;
  skills: SkillStyle;
  educationFirst?: boolean;
  referees?: 'block' | 'on request' | 'trailing';
  postcode?: boolean;
  font?: string;
  /** "Mar 2019 – Present (4 yrs 2 mos)", as LinkedIn exports write it. */
  durations?: boolean;
  /** Duties written as one paragraph instead of bullet points. */
  paragraphs?: boolean;
  /** No summary heading: the name line carries the headline and the summary follows the contact details. */
  inlineSummary?: boolean;
}

const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

/** One writer each: layouts, entry shapes, date styles and heading words vary independently. */
const STYLES: Record<string, Style> = {
  'zoe-ngo-smith': { format: 'pdf', layout: 'letterspaced', entry: 'title+date/company', dates: 'Mon YYYY – Present', headings: 0, separator: ' — ', skills: 'middot', referees: 'block', postcode: true },
  'liam-obrien': { format: 'txt', layout: 'plain', entry: 'title|company/date', dates: 'MM/YYYY - MM/YYYY', headings: 2, separator: '   ', skills: 'lines', referees: 'trailing' },
  'priya-raman': { format: 'docx', layout: 'jobtable', entry: 'date/title/company', dates: 'MM/YYYY - MM/YYYY', headings: 3, separator: ' | ', skills: 'table', postcode: true },
  'nguyen-thi-hong': { format: 'pdf', layout: 'sidebar', entry: 'title/company/date', dates: 'Mon YYYY – Present', headings: 1, separator: ' · ', skills: 'lines', postcode: true, font: DEJAVU },
  'jack-thompson': { format: 'txt', layout: 'underlined', entry: 'company+date/title', dates: 'YYYY–YYYY', headings: 4, separator: ' | ', skills: 'comma', referees: 'on request' },
  'siobhan-oconnor': { format: 'docx', layout: 'styled', entry: 'title+date/company', dates: 'Month YYYY to now', headings: 1, separator: ' · ', skills: 'middot', referees: 'block', postcode: true },
  'jose-alvarez': { format: 'pdf', layout: 'rightdates', entry: 'title,company+date', dates: 'Mon YYYY – Present', headings: 5, separator: ' | ', skills: 'pipe', educationFirst: true },
  'emily-chen': { format: 'pdf', layout: 'pills', entry: 'title|company/date', dates: 'Mon YYYY – Present', headings: 0, separator: ' | ', skills: 'pills', postcode: true },
  'mele-fifita': { format: 'docx', layout: 'boldcaps', entry: 'date/title/company', dates: 'YYYY - Current', headings: 2, separator: ' — ', skills: 'lines', referees: 'block' },
  'rahul-mehta': { format: 'pdf', layout: 'twopage', entry: 'title|company/date', dates: 'Mon YYYY – Present', headings: 3, separator: ' | ', skills: 'comma', postcode: true },
  'soren-kjaer': { format: 'pdf', layout: 'classic', entry: 'title/company/date', dates: 'Mon. YYYY — Today', headings: 5, separator: '   ', skills: 'comma' },
  'aisha-rahman': { format: 'docx', layout: 'skilltable', entry: 'title|company/date', dates: 'Mon YYYY – Present', headings: 4, separator: ' | ', skills: 'table', postcode: true, referees: 'on request' },
  'tom-baker': { format: 'txt', layout: 'plain', entry: 'date/title/company', dates: 'MM/YYYY - MM/YYYY', headings: 1, separator: ' | ', skills: 'lines', referees: 'block' },
  'chloe-dubois': { format: 'txt', layout: 'decomposed', entry: 'title at company (date)', dates: 'Month YYYY to now', headings: 0, separator: ' · ', skills: 'comma', postcode: true },
  'daniel-kim': { format: 'pdf', layout: 'letterspaced', entry: 'company+date/title', dates: 'MM/YYYY - MM/YYYY', headings: 2, separator: ' | ', skills: 'labelled', postcode: true },
  'francois-lefevre': { format: 'docx', layout: 'styled', entry: 'title,company+date', dates: 'YYYY–YYYY', headings: 5, separator: ' | ', skills: 'comma', educationFirst: true },
  'sarah-williams': { format: 'pdf', layout: 'classic', entry: 'date/title/company', dates: 'Month YYYY to now', headings: 1, separator: ' · ', skills: 'lines', referees: 'trailing', postcode: true },
  'wiremu-tane': { format: 'txt', layout: 'plain', entry: 'title+date/company', dates: 'YYYY - Current', headings: 2, separator: ' — ', skills: 'comma', referees: 'block' },
  'mei-lin-zhou': { format: 'pdf', layout: 'sidebar', entry: 'title|company/date', dates: 'MM/YYYY - MM/YYYY', headings: 3, separator: ' | ', skills: 'lines', postcode: true },
  'ben-nguyen': { format: 'docx', layout: 'boldcaps', entry: 'title+date/company', dates: 'Mon YYYY – Present', headings: 0, separator: ' · ', skills: 'middot', referees: 'on request' },
  'olga-petrova': { format: 'docx', layout: 'jobtable', entry: 'date/title/company', dates: 'Mon YYYY – Present', headings: 5, separator: ' | ', skills: 'comma', postcode: true },
  'kirra-walker': { format: 'pdf', layout: 'rightdates', entry: 'company+date/title', dates: 'YYYY - Current', headings: 2, separator: ' | ', skills: 'comma', referees: 'block' },
  'andrew-mackenzie': { format: 'txt', layout: 'underlined', entry: 'title,company+date', dates: 'Mon. YYYY — Today', headings: 3, separator: ' | ', skills: 'pipe', postcode: true },
  'fatima-hassan': { format: 'pdf', layout: 'classic', entry: 'title+date/company', dates: 'MM/YYYY - MM/YYYY', headings: 4, separator: ' — ', skills: 'comma', referees: 'on request' },
  'lucas-rossi': { format: 'docx', layout: 'styled', entry: 'title|company/date', dates: 'Month YYYY to now', headings: 1, separator: '   ', skills: 'lines', postcode: true },
  'grace-taylor': { format: 'pdf', layout: 'twopage', entry: 'title+date/company', dates: 'YYYY–YYYY', headings: 2, separator: ' · ', skills: 'middot', referees: 'block' },
  'ethan-brown': { format: 'txt', layout: 'plain', entry: 'title,company+date', dates: 'Mon YYYY – Present', headings: 5, separator: ' | ', skills: 'comma', postcode: true },
  'hannah-muller': { format: 'pdf', layout: 'pills', entry: 'date/title/company', dates: 'Mon. YYYY — Today', headings: 4, separator: ' · ', skills: 'pills' },
  'isabella-rossi': { format: 'docx', layout: 'skilltable', entry: 'company+date/title', dates: 'MM/YYYY - MM/YYYY', headings: 0, separator: ' | ', skills: 'table', postcode: true },
  'michael-papadopoulos': { format: 'txt', layout: 'plain', entry: 'title/company/date', dates: 'Month YYYY to now', headings: 3, separator: '   ', skills: 'middot', referees: 'trailing' },
  'yuki-tanaka': { format: 'pdf', layout: 'letterspaced', entry: 'title,company+date', dates: 'YYYY - Current', headings: 1, separator: ' | ', skills: 'labelled', postcode: true },
  'amelia-scott': { format: 'docx', layout: 'boldcaps', entry: 'title/company/date', dates: 'YYYY–YYYY', headings: 2, separator: ' · ', skills: 'lines', referees: 'block', postcode: true },
  'noah-wilson': { format: 'pdf', layout: 'classic', entry: 'company+date/title', dates: 'Mon YYYY – Present', headings: 0, separator: ' | ', skills: 'pipe', referees: 'block' },
  'ava-martin': { format: 'docx', layout: 'styled', entry: 'company/title+date', dates: 'Mon YYYY – Present', headings: 3, separator: ' | ', skills: 'comma', durations: true, postcode: true },
  'tariq-hussain': { format: 'pdf', layout: 'rightsidebar', entry: 'title|company/date', dates: 'Mon YYYY – Present', headings: 4, separator: ' · ', skills: 'lines', paragraphs: true, postcode: true },
  'lena-kowalski': { format: 'txt', layout: 'plain', entry: 'date/title/company', dates: 'MM/YYYY - MM/YYYY', headings: 1, separator: ' | ', skills: 'comma', durations: true, inlineSummary: true, referees: 'block' },
  'ruby-anderson': { format: 'pdf', layout: 'classic', entry: 'title|company/date', dates: 'Month YYYY to now', headings: 2, separator: ' — ', skills: 'middot', paragraphs: true, inlineSummary: true, postcode: true },
  'kenji-watanabe': { format: 'pdf', layout: 'rightdates', entry: 'company/title+date', dates: 'MM/YYYY - MM/YYYY', headings: 5, separator: ' | ', skills: 'comma', durations: true },
};

/** Section words by writer: summary, experience, education, skills, licences, referees. */
const HEADINGS = [
  ['Profile', 'Experience', 'Education', 'Skills', 'Licences & Certifications', 'Referees'],
  ['Career Summary', 'Work History', 'Study', 'Key Skills', 'Licences & Tickets', 'References'],
  ['About Me', 'Career History', 'Training', 'Skills & Tools', 'Tickets', 'Referees'],
  ['Summary', 'Employment', 'Qualifications', 'Core Competencies', 'Certifications', 'References'],
  ['Professional Profile', 'Professional Experience', 'Education & Training', 'Technical Skills', 'Licences', 'Referees'],
  ['Objective', 'Relevant Experience', 'Academic Background', 'Capabilities', 'Registrations', 'Referees'],
] as const;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const yearOnly = (style: DateStyle) => style === 'YYYY–YYYY' || style === 'YYYY - Current';

function printDate([year, month = 1]: YearMonth, style: DateStyle): string {
  if (yearOnly(style)) return String(year);
  if (style === 'MM/YYYY - MM/YYYY') return `${String(month).padStart(2, '0')}/${year}`;
  if (style === 'Month YYYY to now') return `${LONG_MONTHS[month - 1]} ${year}`;
  if (style === 'Mon. YYYY — Today') return `${MONTHS[month - 1]}. ${year}`;
  return `${MONTHS[month - 1]} ${year}`;
}

function printRange(start: YearMonth | undefined, end: YearMonth | 'now', style: DateStyle): string {
  const open = { 'Mon YYYY – Present': 'Present', 'MM/YYYY - MM/YYYY': 'Present', 'YYYY–YYYY': 'Present', 'Month YYYY to now': 'now', 'YYYY - Current': 'Current', 'Mon. YYYY — Today': 'Today' }[style];
  const joiner = { 'Mon YYYY – Present': ' – ', 'MM/YYYY - MM/YYYY': ' - ', 'YYYY–YYYY': '–', 'Month YYYY to now': ' to ', 'YYYY - Current': ' - ', 'Mon. YYYY — Today': ' — ' }[style];
  const last = end === 'now' ? open : printDate(end, style);
  return start ? `${printDate(start, style)}${joiner}${last}` : last;
}

function isoDate([year, month = 1]: YearMonth, style: DateStyle): string {
  return `${year}-${String(yearOnly(style) ? 1 : month).padStart(2, '0')}-01`;
}

// ---- a format-independent resume: blocks, laid out per format below ----

type Block =
  | { kind: 'name'; text: string }
  | { kind: 'contact'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'line'; text: string; bold?: boolean; right?: string }
  | { kind: 'bullet'; text: string }
  | { kind: 'pills'; items: string[] }
  | { kind: 'table'; rows: string[][][] }
  | { kind: 'break' };

function location(person: Person, style: Style): string {
  return `${person.suburb} ${person.state}${style.postcode && person.postcode ? ` ${person.postcode}` : ''}`;
}

function contactLines(person: Person, style: Style): string[] {
  const first = [person.email, person.phone, location(person, style)].join(style.separator);
  const links = [person.linkedin, person.portfolio].filter((x): x is string => Boolean(x));
  return links.length > 0 ? [first, links.join(style.separator)] : [first];
}

/** Whole years and months a job lasted, as LinkedIn prints them; open-ended jobs run to the corpus's date. */
function duration(job: Job): string {
  const [year, month = 1] = job.start;
  const [endYear, endMonth = 1] = job.end === 'now' ? [2024, 1] : job.end;
  const months = (endYear - year) * 12 + (endMonth - month);
  const years = Math.floor(months / 12);
  return [years ? `${years} yr${years > 1 ? 's' : ''}` : '', months % 12 ? `${months % 12} mos` : ''].filter(Boolean).join(' ');
}

function entryBlocks(job: Job, style: Style, hyphenate = false, previous?: Job): Block[] {
  const range = printRange(job.start, job.end, style.dates);
  const dates = style.durations ? (style.format === 'txt' ? `${range} · ${duration(job)}` : `${range} (${duration(job)})`) : range;
  const company = job.location ? `${job.company}${style.separator}${job.location}` : job.company;
  const bullets: Block[] = style.paragraphs ? [{ kind: 'line', text: job.bullets.join(' ') }] : job.bullets.map((text) => ({ kind: 'bullet', text }));
  if (hyphenate) {
    const first = job.bullets[0] ?? '';
    const word = first.split(' ').find((w) => /^[a-z]{9,}$/.test(w));
    if (word) {
      const at = first.indexOf(word) + 5;
      bullets.splice(0, 1, { kind: 'bullet', text: `${first.slice(0, at)}-` }, { kind: 'line', text: first.slice(at) });
    }
  }
  const right = style.format !== 'txt';
  switch (style.entry) {
    case 'title|company/date':
      return [{ kind: 'line', text: `${job.title}${style.separator}${company}`, bold: true }, { kind: 'line', text: dates }, ...bullets];
    case 'title,company+date':
      return [right ? { kind: 'line', text: `${job.title}, ${job.company}`, bold: true, right: dates } : { kind: 'line', text: `${job.title}, ${job.company}    ${dates}` }, ...bullets];
    case 'title+date/company':
      return [right ? { kind: 'line', text: job.title, bold: true, right: dates } : { kind: 'line', text: `${job.title}    ${dates}` }, { kind: 'line', text: company }, ...bullets];
    case 'company+date/title':
      return [right ? { kind: 'line', text: company, bold: true, right: dates } : { kind: 'line', text: `${company}    ${dates}` }, { kind: 'line', text: job.title }, ...bullets];
    case 'date/title/company':
      return [{ kind: 'line', text: dates }, { kind: 'line', text: job.title, bold: true }, { kind: 'line', text: company }, ...bullets];
    case 'title/company/date':
      return [{ kind: 'line', text: job.title, bold: true }, { kind: 'line', text: company }, { kind: 'line', text: dates }, ...bullets];
    case 'title at company (date)':
      return [{ kind: 'line', text: `${job.title} at ${job.company} (${dates})`, bold: true }, ...bullets];
    case 'company/title+date': {
      // Roles at one employer in a row sit under its name, printed once.
      const employer: Block[] = previous?.company === job.company ? [] : [{ kind: 'line', text: company, bold: true }];
      return [...employer, right ? { kind: 'line', text: job.title, right: dates } : { kind: 'line', text: `${job.title}    ${dates}` }, ...bullets];
    }
  }
}

function studyBlocks(study: Study, style: Style, n: number): Block[] {
  const dates = printRange(study.start, study.end, yearOnly(style.dates) ? style.dates : 'YYYY–YYYY');
  // Writers put a qualification on one line or two, dates before or after.
  if (n % 2 === 0) return [{ kind: 'line', text: study.degree, bold: true }, { kind: 'line', text: `${study.institution}${style.separator}${dates}` }];
  return [{ kind: 'line', text: `${study.degree}, ${study.institution}`, bold: true, right: style.format === 'txt' ? undefined : dates }, ...(style.format === 'txt' ? [{ kind: 'line' as const, text: dates }] : [])];
}

function skillBlocks(person: Person, style: Style): Block[] {
  const skills = person.skills;
  switch (style.skills) {
    case 'comma':
      return [{ kind: 'line', text: skills.join(', ') }];
    case 'middot':
      return [{ kind: 'line', text: skills.join(' · ') }];
    case 'pipe':
      return [{ kind: 'line', text: skills.join(' | ') }];
    case 'lines':
      return skills.map((text) => ({ kind: 'bullet', text }));
    case 'pills':
      return [{ kind: 'pills', items: skills }];
    case 'table': {
      const rows: string[][][] = [];
      for (let i = 0; i < skills.length; i += 2) rows.push([[skills[i] ?? ''], [skills[i + 1] ?? '']]);
      return [{ kind: 'table', rows }];
    }
    case 'labelled': {
      const half = Math.ceil(skills.length / 2);
      return [{ kind: 'line', text: `Tools: ${skills.slice(0, half).join(', ')}` }, { kind: 'line', text: `Practices: ${skills.slice(half).join(', ')}` }];
    }
  }
}

const REFEREES: Block[] = [
  { kind: 'line', text: 'Margaret Ellis, Operations Manager', bold: true },
  { kind: 'line', text: 'Phone: 0400 111 222 | margaret.ellis@example.org' },
  { kind: 'line', text: 'David Okafor, Team Leader', bold: true },
  { kind: 'line', text: 'Phone: (03) 9123 4567 | d.okafor@example.org' },
];

function jobTable(jobs: Job[], style: Style): Block {
  return {
    kind: 'table',
    rows: jobs.map((job) => [[printRange(job.start, job.end, style.dates)], [job.title, job.company], job.bullets.map((b) => `• ${b}`)]),
  };
}

function experienceBlocks(person: Person, style: Style): Block[] {
  if (style.layout === 'jobtable') return [jobTable(person.jobs, style)];
  return person.jobs.flatMap((job, n) => {
    const blocks = entryBlocks(job, style, style.layout === 'twopage' && n === 0, person.jobs[n - 1]);
    // A page break inside the second job's bullets: the running header and footer fall inside the entry.
    if (style.layout === 'twopage' && n === 1) blocks.splice(blocks.length - 1, 0, { kind: 'break' });
    return blocks;
  });
}

interface Resume {
  header: Block[];
  main: Block[];
  side: Block[];
}

function resumeBlocks(person: Person, style: Style): Resume {
  const words = HEADINGS[style.headings] ?? HEADINGS[0];
  const heading = (n: number): Block => ({ kind: 'heading', text: words[n] ?? '' });
  const header: Block[] = style.inlineSummary
    ? [
      { kind: 'name', text: `${person.first} ${person.last}${style.separator}${person.headline}` },
      ...contactLines(person, style).map((text): Block => ({ kind: 'contact', text })),
      { kind: 'line', text: person.summary },
    ]
    : [
      { kind: 'name', text: `${person.first} ${person.last}` },
      { kind: 'contact', text: person.headline },
      ...contactLines(person, style).map((text): Block => ({ kind: 'contact', text })),
    ];
  const summary: Block[] = style.inlineSummary ? [] : [heading(0), { kind: 'line', text: person.summary }];
  const experience = [heading(1), ...experienceBlocks(person, style)];
  const education = [heading(2), ...person.study.flatMap((s, n) => studyBlocks(s, style, n))];
  const skills = [heading(3), ...skillBlocks(person, style)];
  const licences: Block[] = person.licences ? [heading(4), ...person.licences.map((text): Block => ({ kind: 'bullet', text }))] : [];
  const referees: Block[] =
    style.referees === 'block' ? [heading(5), ...REFEREES]
      : style.referees === 'on request' ? [heading(5), { kind: 'line', text: 'Available on request.' }]
        : style.referees === 'trailing' ? [{ kind: 'line', text: 'References available on request.' }] : [];
  if (style.layout === 'sidebar' || style.layout === 'rightsidebar') {
    return { header, side: [...skills, ...education, ...licences], main: [...summary, ...experience, ...referees] };
  }
  const middle = style.educationFirst ? [...education, ...experience] : [...experience, ...education];
  return { header, side: [], main: [...summary, ...middle, ...licences, ...skills, ...referees] };
}

// ---- ground truth ----

const truthUrl = (address: string | undefined) => (address ? (address.startsWith('https://') ? address : `https://${address}`) : null);

function truthOf(person: Person, style: Style) {
  return {
    personal: {
      first_name: person.first,
      last_name: person.last,
      email: person.email,
      phone: person.phone,
      linkedin_url: truthUrl(person.linkedin),
      portfolio_url: truthUrl(person.portfolio),
      location: { suburb: person.suburb, state: person.state, postcode: style.postcode && person.postcode ? person.postcode : null },
    },
    summary: person.summary,
    employment: person.jobs.map((job) => ({
      job_title: job.title,
      company_name: job.company,
      start_date: isoDate(job.start, style.dates),
      end_date: job.end === 'now' ? null : isoDate(job.end, style.dates),
      is_current: job.end === 'now',
      description: job.bullets.join('\n'),
    })),
    education: person.study.map((study) => ({
      institution: study.institution,
      degree: study.degree,
      start_date: study.start ? isoDate(study.start, 'YYYY–YYYY') : null,
      end_date: study.end === 'now' ? null : isoDate(study.end, 'YYYY–YYYY'),
    })),
    skills: person.skills,
  };
}

export type ResumeTruth = ReturnType<typeof truthOf>;

// ---- plain text ----

function textOf(resume: Resume, style: Style): string {
  const lines: string[] = [];
  for (const block of [...resume.header, ...resume.main]) {
    switch (block.kind) {
      case 'name':
        lines.push(style.layout === 'underlined' ? block.text.toUpperCase() : block.text);
        break;
      case 'heading':
        lines.push('');
        lines.push(style.layout === 'underlined' ? block.text.toUpperCase() : block.text);
        if (style.layout === 'underlined') lines.push('-'.repeat(block.text.length));
        break;
      case 'bullet':
        lines.push(`${style.layout === 'plain' ? '-' : '*'} ${block.text}`);
        break;
      case 'line':
        lines.push(block.right ? `${block.text}    ${block.right}` : block.text);
        break;
      case 'contact':
        lines.push(block.text);
        break;
      default:
        break;
    }
  }
  const text = lines.join('\n') + '\n';
  // Pasted from a word processor: decomposed accents and typographic ligatures.
  return style.layout === 'decomposed' ? text.normalize('NFD').replace(/fi/g, '\ufb01').replace(/fl/g, '\ufb02') : text;
}

// ---- PDF ----

async function pdfOf(resume: Resume, style: Style, person: Person): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, bufferPages: true, info: { Title: 'Resume', CreationDate: new Date('2024-01-01T00:00:00Z') } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const regular = style.font ?? 'Helvetica';
  const bold = style.font ?? 'Helvetica-Bold';
  const draw = (blocks: Block[], x: number, width: number) => {
    for (const block of blocks) {
      switch (block.kind) {
        case 'name':
          doc.font(bold).fontSize(22).text(style.layout === 'letterspaced' && block.text.toUpperCase() !== block.text ? block.text : block.text, x, doc.y, { width });
          break;
        case 'contact':
          doc.font(regular).fontSize(9.5).text(block.text, x, doc.y, { width });
          break;
        case 'heading': {
          doc.moveDown(0.6);
          if (style.layout === 'letterspaced') doc.font(bold).fontSize(11).text(block.text.toUpperCase(), x, doc.y, { width, characterSpacing: 3 });
          else doc.font(bold).fontSize(13).text(block.text, x, doc.y, { width });
          doc.moveDown(0.2);
          break;
        }
        case 'line': {
          const y = doc.y;
          doc.font(block.bold ? bold : regular).fontSize(10);
          if (block.right) {
            doc.text(block.text, x, y, { width: width - 130, lineBreak: false });
            doc.font(regular).text(block.right, x, y, { width, align: 'right' });
          } else doc.text(block.text, x, y, { width });
          break;
        }
        case 'bullet':
          doc.font(regular).fontSize(10).text(`•  ${block.text}`, x + 8, doc.y, { width: width - 8 });
          break;
        case 'pills': {
          let px = x;
          let py = doc.y + 2;
          doc.font(regular).fontSize(9);
          for (const item of block.items) {
            const w = doc.widthOfString(item) + 12;
            if (px + w > x + width) {
              px = x;
              py += 20;
            }
            doc.roundedRect(px, py, w, 15, 7).stroke('#888888');
            doc.fillColor('#000000').text(item, px + 6, py + 3.5, { lineBreak: false });
            px += w + 6;
          }
          doc.text('', x, py + 20);
          break;
        }
        case 'break':
          doc.addPage();
          break;
        case 'table':
          break;
      }
    }
  };
  draw(resume.header, 50, 495);
  if (style.layout === 'sidebar') {
    const top = doc.y + 12;
    doc.y = top;
    draw(resume.side, 50, 150);
    doc.y = top;
    draw(resume.main, 230, 315);
  } else if (style.layout === 'rightsidebar') {
    const top = doc.y + 12;
    doc.y = top;
    draw(resume.main, 50, 320);
    doc.y = top;
    draw(resume.side, 400, 145);
  } else {
    draw(resume.main, 50, 495);
  }
  if (style.layout === 'twopage') {
    const pages = doc.bufferedPageRange();
    for (let i = 0; i < pages.count; i++) {
      doc.switchToPage(i);
      doc.font(regular).fontSize(8);
      if (i > 0) doc.text(`${person.first} ${person.last} — Curriculum Vitae`, 50, 20, { lineBreak: false });
      doc.text(`Page ${i + 1} of ${pages.count}`, 50, 812, { width: 495, align: 'center', lineBreak: false });
    }
  }
  doc.end();
  return done;
}

// ---- Word ----

function docxOf(resume: Resume, style: Style): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [];
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  for (const block of [...resume.header, ...resume.main]) {
    switch (block.kind) {
      case 'name':
        children.push(style.layout === 'boldcaps' ? new Paragraph({ children: [new TextRun({ text: block.text, bold: true, size: 36 })] }) : new Paragraph({ heading: HeadingLevel.TITLE, text: block.text }));
        break;
      case 'contact':
        children.push(new Paragraph({ text: block.text }));
        break;
      case 'heading':
        children.push(style.layout === 'boldcaps' ? new Paragraph({ children: [new TextRun({ text: block.text.toUpperCase(), bold: true })] }) : new Paragraph({ heading: HeadingLevel.HEADING_1, text: block.text }));
        break;
      case 'line':
        children.push(
          block.right
            ? new Paragraph({ tabStops: [{ type: TabStopType.RIGHT, position: 9000 }], children: [new TextRun({ text: block.text, bold: block.bold }), new TextRun({ text: `\t${block.right}` })] })
            : new Paragraph({ children: [new TextRun({ text: block.text, bold: block.bold })] }),
        );
        break;
      case 'bullet':
        children.push(new Paragraph({ bullet: { level: 0 }, text: block.text }));
        break;
      case 'table':
        children.push(
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
            rows: block.rows.map((row) => new TableRow({ children: row.map((cell) => new TableCell({ children: cell.map((text) => new Paragraph({ text, alignment: AlignmentType.LEFT })) })) })),
          }),
        );
        break;
      default:
        break;
    }
  }
  return Packer.toBuffer(new Document({ creator: 'Talenti corpus', sections: [{ children }] }));
}

export const CORPUS_DIR = join(__dirname, '..', '..', 'tests', 'fixtures', 'resumes');

export async function writeCorpus(directory = CORPUS_DIR): Promise<string[]> {
  mkdirSync(directory, { recursive: true });
  const written: string[] = [];
  for (const person of PEOPLE) {
    const style = STYLES[person.id];
    if (!style) throw new Error(`no style for ${person.id}`);
    const resume = resumeBlocks(person, style);
    const name = `${person.id}.${style.format}`;
    const bytes = style.format === 'pdf' ? await pdfOf(resume, style, person) : style.format === 'docx' ? await docxOf(resume, style) : Buffer.from(textOf(resume, style));
    writeFileSync(join(directory, name), bytes);
    writeFileSync(join(directory, `${person.id}.truth.json`), `${JSON.stringify({ file: name, layout: `${style.format}/${style.layout}`, entry: style.entry, dates: style.dates, ...truthOf(person, style) }, null, 2)}\n`);
    written.push(name);
  }
  return written;
}
