import type { ParsedEducation } from '../parse-resume-task';
import { findDateRange, findSingleDate } from './resume-dates';

const DEGREE =
  /\b(bachelor|master|doctor(ate)?|ph\.?d|mba|diploma|certificate|associate degree|honours|b\.?\s?(sc|com|a|eng|it|bus|ed)|m\.?\s?(sc|com|a|eng|it|ed)|hsc|vce|year 12)\b/i;
const INSTITUTION =
  /\b(university|universit[éy]|institute|college|tafe|school|academy|polytechnic|conservatorium|unsw|uts|rmit|qut|anu|monash|macquarie|deakin)\b/i;
const SEPARATOR = /\s+\|\s+|\s+[–—-]\s+|,\s+/;

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
  if (bracket && !/^hons|honours|first class|distinction/i.test(bracket)) return bracket;
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

/** Qualifications: a degree and an institution make one entry; dates on their lines (or the next) belong to it. */
export function findEducation(lines: string[]): ParsedEducation[] {
  const found: ParsedEducation[] = [];
  let draft: Draft = {};
  const flush = () => {
    const entry = complete(draft);
    if (entry) found.push(entry);
    draft = {};
  };
  for (const line of lines) {
    let rest = line;
    const range = findDateRange(line);
    const single = range ? null : findSingleDate(line);
    if (range) rest = rest.replace(range.text, ' ');
    if (single) rest = rest.replace(single.text, ' ');
    for (const part of rest.split(SEPARATOR).map((p) => p.trim()).filter((p) => p.length > 1)) {
      const major = /^major(?:ing)?\s*(?:in|:)\s*(.+)$/i.exec(part)?.[1];
      if (major) draft.field_of_study = major;
      else if (DEGREE.test(part)) {
        if (draft.degree) flush();
        draft.degree = part;
      } else if (INSTITUTION.test(part)) {
        if (draft.institution) flush();
        draft.institution = part;
      }
    }
    if (range && draft.start_date === undefined) {
      Object.assign(draft, { start_date: range.start_date, end_date: range.end_date, is_current: range.is_current });
    } else if (single && draft.end_date === undefined) {
      draft.end_date = single.date;
    }
  }
  flush();
  return found;
}
