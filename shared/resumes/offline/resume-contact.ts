import type { ParsedResume } from '../parse-resume-task';
import type { AU_STATES } from '../../domain/candidate-profile';
import { headingOf, type ResumeLine } from './resume-sections';

type Personal = ParsedResume['personal'];

const STATES: Record<string, (typeof AU_STATES)[number]> = {
  nsw: 'NSW', 'new south wales': 'NSW', vic: 'VIC', victoria: 'VIC', qld: 'QLD', queensland: 'QLD',
  wa: 'WA', 'western australia': 'WA', sa: 'SA', 'south australia': 'SA', tas: 'TAS', tasmania: 'TAS',
  act: 'ACT', 'australian capital territory': 'ACT', nt: 'NT', 'northern territory': 'NT',
};
const STATE_NAME = Object.keys(STATES).sort((a, b) => b.length - a.length).join('|');
/** Up to three capitalised words before a state, and a postcode after it: "Port Kembla NSW 2505", "Perth, WA". */
const LOCATION = new RegExp(`((?:\\p{Lu}[\\p{L}'’.-]*\\s){0,2}\\p{Lu}[\\p{L}'’.-]*),?\\s+(${STATE_NAME})\\b[,\\s]*(\\d{4})?`, 'iu');

const EMAIL = /[\p{L}0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/u;
/** Australian numbers as written: mobiles and landlines, +61 or 0, any grouping of spaces, dashes and brackets. */
const PHONE = /(?:\+61\s?\(?0?\)?\s?|\(?0)[2-478]\)?(?:[\s-]?\d){8}(?!\d)/;
const LINKEDIN = /(?:https?:\/\/)?(?:[a-z]{2,3}\.)?linkedin\.com\/in\/[\p{L}0-9_%-]+\/?/iu;
const WEB_ADDRESS = /(?:https?:\/\/|www\.)[^\s|,;<>()]+|\b(?:github\.com|gitlab\.com|behance\.net|dribbble\.com)\/[A-Za-z0-9_.-]+/i;
const MAX_LOCATION_LENGTH = 120;
const NAME_WORD = /^\p{Lu}[\p{L}'’.]*(?:-\p{Lu}[\p{L}'’.]*)*$/u;
const NAME_PARTICLE = /^(de|da|di|du|del|della|der|den|van|von|la|le|bin|binti|al|el|ten|ter|ó)$/;

/** Segments of a header line such as "olivia@example.com — 0412 345 678 · Sydney NSW 2000". */
function segments(line: string): string[] {
  return line.split(/\s*[|•·—–]\s*|\s+-\s+|\s{2,}|\t/).map((s) => s.trim()).filter(Boolean);
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
  const national = digits.startsWith('610') ? digits.slice(2) : digits.startsWith('61') ? `0${digits.slice(2)}` : digits;
  if (/^04\d{8}$/.test(national)) return `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
  if (/^0[2378]\d{8}$/.test(national)) return `(${national.slice(0, 2)}) ${national.slice(2, 6)} ${national.slice(6)}`;
  return written.trim();
}

/** "ZOË" → "Zoë", "NGÔ-SMITH" → "Ngô-Smith", "O'BRIEN" → "O'Brien": capitals are styling, the name is kept. */
function titleCase(word: string): string {
  if (word !== word.toUpperCase() || word.length < 2) return word;
  return word.toLowerCase().replace(/(^|[-'’])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

function nameOf(line: string): { first_name: string; last_name: string } | null {
  const labelled = /^name\s*:\s*(.+)$/i.exec(line)?.[1] ?? line;
  const candidate = segments(labelled)[0] ?? '';
  if (headingOf(candidate) || /\d|@/.test(candidate)) return null;
  const words = candidate.split(' ').map(titleCase);
  const named = words.filter((w) => !NAME_PARTICLE.test(w));
  if (words.length < 2 || words.length > 5 || !named.every((w) => NAME_WORD.test(w))) return null;
  return { first_name: words[0] ?? '', last_name: words.slice(1).join(' ') };
}

/** The document's title line when it is a name, else the first header line that reads as a person's name. */
function findName(header: ResumeLine[], all: ResumeLine[]): { first_name: string; last_name: string } | null {
  const title = all.find((line) => line.level === 1);
  const fromTitle = title ? nameOf(title.text) : null;
  if (fromTitle) return fromTitle;
  for (const line of header.slice(0, 6)) {
    const name = nameOf(line.text);
    if (name) return name;
  }
  return null;
}

/** The first header line naming a suburb and state, once its email, phone and web addresses are set aside. */
function findLocation(lines: ResumeLine[]): Personal['location'] {
  for (const line of lines) {
    const rest = line.text.replace(new RegExp(EMAIL.source, 'gu'), '|').replace(new RegExp(PHONE.source, 'g'), '|').replace(new RegExp(WEB_ADDRESS.source, 'gi'), '|');
    for (const segment of segments(rest)) {
      if (segment.length > MAX_LOCATION_LENGTH) continue;
      const match = LOCATION.exec(segment);
      const suburb = match?.[1]?.trim() ?? '';
      // The state's name is matched without case, the suburb's capitals are not: "Fitzroy vic" is still Fitzroy.
      if (!match?.[2] || !/^\p{Lu}/u.test(suburb) || headingOf(suburb)) continue;
      return { suburb, state: STATES[match[2].toLowerCase()] ?? null, postcode: match[3] ?? null, country: 'Australia' };
    }
  }
  return { suburb: null, state: null, postcode: null, country: 'Australia' };
}

function firstMatch(pattern: RegExp, texts: string[]): string | null {
  for (const text of texts) {
    const match = pattern.exec(text)?.[0];
    if (match) return match;
  }
  return null;
}

/**
 * Name, contact details and location, from the lines before the first section (where resumes put them) and,
 * failing that, the rest of the resume except its referees, whose details are never the candidate's.
 */
export function findPersonal(header: ResumeLine[], all: ResumeLine[], withoutReferees: string): Personal {
  const top = header.map((l) => l.text).join('\n');
  const texts = [top, withoutReferees];
  const name = findName(header, all);
  const phone = firstMatch(PHONE, texts);
  const linkedin = firstMatch(LINKEDIN, texts);
  const unlinked = texts.map((t) => t.replace(new RegExp(LINKEDIN.source, 'giu'), ' ').replace(new RegExp(EMAIL.source, 'gu'), ' '));
  const portfolio = firstMatch(WEB_ADDRESS, unlinked);
  return {
    first_name: name?.first_name ?? null,
    last_name: name?.last_name || null,
    email: firstMatch(EMAIL, texts)?.toLowerCase() ?? null,
    phone: phone ? formatPhone(phone) : null,
    linkedin_url: linkedin ? withHttps(linkedin) : null,
    portfolio_url: portfolio ? withHttps(portfolio) : null,
    location: findLocation(header),
  };
}
