import type { ParsedEducation } from '../parse-resume-task';
import { DURATION, findDateRange, findSingleDate } from './resume-dates';
import { isLocation, trimPart } from './resume-roles';
import type { ResumeLine } from './resume-sections';

const DEGREE =
  /\b(bachelor|master|doctor(ate)?|ph\.?\s?d|mba|diploma|certificate|cert\s?(i{1,3}|iv)|associate degree|honours|juris doctor|b\.?\s?(sc|com|a|eng|it|bus|ed|n)|m\.?\s?(sc|com|a|eng|it|ed)|hsc|vce|qce|wace|sace|year 12|program(me)?|course|degree|graduate)\b/i;
const INSTITUTION =
  /(universit[éy]|institute|college|tafe|school|academy|polytechnic|conservatorium|\b(unsw|uts|rmit|qut|anu|uwa|monash|macquarie|deakin|swinburne|griffith|curtin|latrobe|la trobe|flinders|bond)\b|chartered accountants|cpa australia|\banz\b)/i;
/** Whether a text names a qualification ("Bachelor of…", "Certificate IV in…"). */
export function looksLikeDegree(text: string): boolean {
  return DEGREE.test(text);
}

const SEPARATOR = /\s+[|–—·•]\s+|\s+-\s+|\s{3,}|,\s+/;
const MAX_PART_WORDS = 12;

interface Draft {
  institution?: string;
  degree?: string;
  field_of_study?: string;
  start_date?: string | null;
  end_date?: string | null;
  is_current?: boolean;
}

/** "Bachelor of Computer Science (Honours)" → "Computer Science"; "Bachelor of Commerce (Accounting)" → "Accounting". */
function fieldOf(degree: string): string | undefined {
  const bracket = /\(([^)]+)\)/.exec(degree)?.[1]?.trim();
  if (bracket && !/^(hons|honours|first class|distinction|primary|secondary)/i.test(bracket)) return bracket;
  return /\b(?:of|in)\s+([^()]+)/i.exec(degree)?.[1]?.trim() || undefined;
}

function complete(draft: Draft): ParsedEducation | null {
  if (!draft.institution || !draft.degree) return null;
  return {
    institution: draft.institution,
    degree: draft.degree,
    field_of_study: draft.field_of_study ?? fieldOf(draft.degree) ?? null,
    start_date: draft.start_date ?? null,
    end_date: draft.end_date ?? null,
    is_current: draft.is_current ?? false,
  };
}

/**
 * Qualifications: a degree and an institution make one entry, on one line or on lines next to each other; a part
 * that is neither, beside a degree, is taken as the institution. Dates on their lines belong to the entry.
 */
export function findEducation(lines: ResumeLine[]): ParsedEducation[] {
  const found: ParsedEducation[] = [];
  let draft: Draft = {};
  const flush = () => {
    const entry = complete(draft);
    if (entry) found.push(entry);
    draft = {};
  };
  for (const line of lines) {
    let rest = line.text;
    const range = findDateRange(rest);
    const single = range ? null : findSingleDate(rest);
    if (range) rest = rest.replace(range.text, ' ');
    if (single) rest = rest.replace(single.text, ' ');
    const parts = rest
      .replace(DURATION, ' ')
      .replace(/\(\s*\)/g, ' ')
      .split(SEPARATOR)
      .map(trimPart)
      .filter((p) => p.length > 1 && !isLocation(p) && p.split(' ').length <= MAX_PART_WORDS);
    // A degree's name wrapped onto a short line of its own ("Diploma of Information" / "Technology").
    if (draft.degree && !draft.institution && !range && !single && parts.length === 1 && /^\p{Lu}\S*( \S+)?$/u.test(rest.trim()) && !INSTITUTION.test(rest)) {
      draft.degree = `${draft.degree} ${rest.trim()}`;
      continue;
    }
    const unknown: string[] = [];
    for (const part of parts) {
      const major = /^major(?:ing)?\s*(?:in|:)\s*(.+)$/i.exec(part)?.[1];
      if (major) draft.field_of_study = major;
      else if (INSTITUTION.test(part) && !(DEGREE.test(part) && /\b(of|in)\b/i.test(part) && !draft.degree)) {
        if (draft.institution) flush();
        draft.institution = part;
      } else if (DEGREE.test(part)) {
        if (draft.degree) flush();
        draft.degree = part;
      } else unknown.push(part);
    }
    // "Chartered Accountant Program, Chartered Accountants ANZ": beside a degree, an unknown part is the school.
    if (draft.degree && !draft.institution && unknown[0] && !line.bullet) draft.institution = unknown[0];
    if (range && draft.start_date === undefined) {
      Object.assign(draft, { start_date: range.start_date, end_date: range.end_date, is_current: range.is_current });
    } else if (single && draft.end_date === undefined) {
      draft.end_date = single.date;
    }
    if (draft.degree && draft.institution && draft.end_date !== undefined) flush();
  }
  flush();
  return found;
}
