import type { ParsedResume } from '../parse-resume-task';
import type { AU_STATES } from '../../domain/candidate-profile';
import { headingOf } from './resume-sections';

type Personal = ParsedResume['personal'];

const STATES: Record<string, (typeof AU_STATES)[number]> = {
  nsw: 'NSW', 'new south wales': 'NSW', vic: 'VIC', victoria: 'VIC', qld: 'QLD', queensland: 'QLD',
  wa: 'WA', 'western australia': 'WA', sa: 'SA', 'south australia': 'SA', tas: 'TAS', tasmania: 'TAS',
  act: 'ACT', 'australian capital territory': 'ACT', nt: 'NT', 'northern territory': 'NT',
};
const STATE_NAME = Object.keys(STATES).sort((a, b) => b.length - a.length).join('|');
const LOCATION = new RegExp(`^(.*?)[,\\s]+(${STATE_NAME})\\b[,\\s]*(\\d{4})?\\b`, 'i');

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
const MOBILE = /(?:\+?61[\s-]?|\b0)4\d{2}[\s-]?\d{3}[\s-]?\d{3}\b/;
const LANDLINE = /(?:\+?61[\s-]?|\(0|\b0)[2378]\)?[\s-]?\d{4}[\s-]?\d{4}\b/;
const LINKEDIN = /(?:https?:\/\/)?(?:[a-z]{2,3}\.)?linkedin\.com\/in\/[A-Za-z0-9_%-]+\/?/i;
const WEB_ADDRESS = /(?:https?:\/\/|www\.)[^\s|,;<>()]+|\b(?:github\.com|gitlab\.com|behance\.net|dribbble\.com)\/[A-Za-z0-9_.-]+/i;
const MAX_LOCATION_LENGTH = 120;
const NAME_WORD = /^[A-Z][A-Za-z'’-]*$/;

/** Segments of a header line such as "olivia@example.com | 0412 345 678 | Sydney NSW 2000". */
function segments(line: string): string[] {
  return line.split(/\s*[|•·]\s*|\s{2,}|\t/).map((s) => s.trim()).filter(Boolean);
}

function withHttps(address: string): string | null {
  const full = /^https?:\/\//i.test(address) ? address.replace(/^http:/i, 'https:') : `https://${address}`;
  try {
    return new URL(full.replace(/[./]+$/, '')).toString().replace(/\/$/, '');
  } catch {
    return null;
  }
}

function formatPhone(written: string): string {
  const digits = written.replace(/\D/g, '');
  const national = digits.startsWith('61') ? `0${digits.slice(2)}` : digits;
  if (/^04\d{8}$/.test(national)) return `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
  if (/^0[2378]\d{8}$/.test(national)) return `(${national.slice(0, 2)}) ${national.slice(2, 6)} ${national.slice(6)}`;
  return written.trim();
}

function titleCase(word: string): string {
  return word.length > 1 && word === word.toUpperCase() ? word[0] + word.slice(1).toLowerCase() : word;
}

/** The first header line that reads as a person's name: two to four capitalised words, nothing else. */
function findName(header: string[]): { first_name: string; last_name: string } | null {
  for (const line of header.slice(0, 6)) {
    const labelled = /^name\s*:\s*(.+)$/i.exec(line)?.[1] ?? line;
    if (headingOf(labelled)) continue;
    const words = labelled.split(' ').map(titleCase);
    if (words.length >= 2 && words.length <= 4 && words.every((w) => NAME_WORD.test(w))) {
      return { first_name: words[0] ?? '', last_name: words.slice(1).join(' ') };
    }
  }
  return null;
}

function findLocation(header: string[]): Personal['location'] {
  for (const line of header) {
    for (const segment of segments(line)) {
      if (segment.length > MAX_LOCATION_LENGTH || EMAIL.test(segment) || /\d{3}[\s-]?\d{3}/.test(segment)) continue;
      const match = LOCATION.exec(segment);
      const suburb = match?.[1]?.trim().replace(/,$/, '') ?? '';
      if (!match?.[2] || !/^[A-Z][A-Za-z' -]{1,60}$/.test(suburb)) continue;
      return { suburb, state: STATES[match[2].toLowerCase()] ?? null, postcode: match[3] ?? null, country: 'Australia' };
    }
  }
  return { suburb: null, state: null, postcode: null, country: 'Australia' };
}

/** Name, contact details and location, from the lines before the first section (where resumes put them). */
export function findPersonal(header: string[], fullText: string): Personal {
  const name = findName(header);
  const phone = MOBILE.exec(fullText)?.[0] ?? LANDLINE.exec(fullText)?.[0] ?? null;
  const linkedin = LINKEDIN.exec(fullText)?.[0] ?? null;
  const web = fullText.replace(new RegExp(LINKEDIN.source, 'gi'), ' ').replace(new RegExp(EMAIL.source, 'g'), ' ');
  const portfolio = WEB_ADDRESS.exec(web)?.[0] ?? null;
  return {
    first_name: name?.first_name ?? null,
    last_name: name?.last_name || null,
    email: EMAIL.exec(fullText)?.[0].toLowerCase() ?? null,
    phone: phone ? formatPhone(phone) : null,
    linkedin_url: linkedin ? withHttps(linkedin) : null,
    portfolio_url: portfolio ? withHttps(portfolio) : null,
    location: findLocation(header),
  };
}
