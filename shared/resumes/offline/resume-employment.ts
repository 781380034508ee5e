import type { ParsedEmployment } from '../parse-resume-task';
import { findDateRange, type DateRange } from './resume-dates';

const TITLE_WORD =
  /\b(engineer|developer|manager|analyst|consultant|officer|assistant|lead|director|coordinator|specialist|designer|nurse|teacher|intern|administrator|architect|accountant|associate|executive|representative|advis[eo]r|technician|scientist|supervisor|head|chief|graduate|programmer|tester|founder|clerk|receptionist|agent|partner|president|cto|ceo|cfo|coo|practitioner|therapist|writer|editor|producer|lecturer|tutor|researcher|apprentice|operator|planner|strategist|recruiter|buyer|controller|auditor|bookkeeper|chef|electrician|plumber|carpenter|driver|attendant|cashier|barista|owner)s?\b/i;
const LOCATION_PART = /^(remote|hybrid|[A-Z][A-Za-z' -]*,?\s+(NSW|VIC|QLD|WA|SA|TAS|ACT|NT)\b.*|(NSW|VIC|QLD|WA|SA|TAS|ACT|NT)\b.*)$/;
const PART_SEPARATOR = /\s+\|\s+|\s+[–—-]\s+|\s+at\s+|\s+@\s+|,\s+/;
const MAX_DESCRIPTION = 2000;

/** "Senior Engineer | Atlassian | Sydney NSW" → ["Senior Engineer", "Atlassian"]: the parts that are not a place. */
function roleParts(text: string): string[] {
  return text
    .split(PART_SEPARATOR)
    .map((part) => part.replace(/^[\s,|–—-]+|[\s,|–—-]+$/g, '').trim())
    .filter((part) => part.length > 1 && !LOCATION_PART.test(part));
}

interface Anchor {
  index: number;
  range: DateRange;
  parts: string[];
  /** Lines above the date line that hold the title or company. */
  linesAbove: number;
}

function anchorsOf(lines: string[]): Anchor[] {
  const anchors: Anchor[] = [];
  lines.forEach((line, index) => {
    const range = findDateRange(line);
    if (!range) return;
    const floor = anchors.at(-1)?.index ?? -1;
    let parts = roleParts(line.replace(range.text, ' '));
    let linesAbove = 0;
    // Title and company may sit on the one or two lines above the dates.
    while (parts.length < 2 && linesAbove < 2 && index - linesAbove - 1 > floor) {
      linesAbove++;
      const above = lines[index - linesAbove] ?? '';
      if (findDateRange(above)) break;
      parts = [...roleParts(above), ...parts];
    }
    anchors.push({ index, range, parts, linesAbove });
  });
  return anchors;
}

function titleAndCompany(parts: string[]): { job_title: string; company_name: string } | null {
  const [first, second] = parts;
  if (!first || !second) return null;
  const swap = !TITLE_WORD.test(first) && TITLE_WORD.test(second);
  return swap ? { job_title: second, company_name: first } : { job_title: first, company_name: second };
}

/** Jobs from the experience section: each date range anchors one job; the lines until the next job describe it. */
export function findEmployment(lines: string[]): ParsedEmployment[] {
  const anchors = anchorsOf(lines);
  const jobs: ParsedEmployment[] = [];
  anchors.forEach((anchor, n) => {
    const role = titleAndCompany(anchor.parts);
    if (!role) return;
    const next = anchors[n + 1];
    const end = next ? next.index - next.linesAbove : lines.length;
    const description = lines.slice(anchor.index + 1, end).join('\n').slice(0, MAX_DESCRIPTION).trim();
    jobs.push({
      ...role,
      start_date: anchor.range.start_date,
      end_date: anchor.range.end_date,
      is_current: anchor.range.is_current,
      description: description || null,
    });
  });
  return jobs;
}
