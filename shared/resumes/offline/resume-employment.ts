import type { ParsedEmployment } from '../parse-resume-task';
import { DURATION, findDateRange, type DateRange } from './resume-dates';
import { looksLikeTitle, roleParts, titleFirst } from './resume-roles';
import type { ResumeLine } from './resume-sections';

const MAX_DESCRIPTION = 2000;
const MAX_ROLE_WORDS = 10;

/** A line that can name a job title or an employer: short, not a list item, not a sentence, no dates. */
export function isRoleLine(line: ResumeLine | undefined): line is ResumeLine {
  if (!line || line.bullet || line.level === 1) return false;
  const text = line.text;
  return text.length <= 90 && text.split(/\s+/).length <= MAX_ROLE_WORDS && !/[.;:]$/.test(text) && !/^\p{Ll}/u.test(text) && !findDateRange(text);
}

interface Entry {
  anchor: number;
  range: DateRange;
  /** First and last line index the entry's title, employer and dates take. */
  first: number;
  last: number;
  parts: string[];
}

/** The date line's own words: "Senior Engineer, Canva    Feb 2017 – Feb 2020" → ["Senior Engineer", "Canva"]. */
function ownParts(line: ResumeLine, range: DateRange): string[] {
  return roleParts(line.text.replace(range.text, ' ').replace(DURATION, ' ').replace(/\(\s*\)|\[\s*\]/g, ' '));
}

/**
 * Jobs from the experience section. Each date range anchors a job; its title and employer are on the date line,
 * or on the role lines above it, or below it, whichever way this resume's writer laid out their first job (a
 * writer lays out every job the same way); whatever follows up to the next job describes it.
 */
export function findEmployment(lines: ResumeLine[]): ParsedEmployment[] {
  const anchors = lines.flatMap((line, index) => {
    const range = line.bullet || line.text.split(' ').length > 16 ? null : findDateRange(line.text);
    return range ? [{ index, range }] : [];
  });
  const firstAnchor = anchors[0];
  const rolesAbove = firstAnchor !== undefined && isRoleLine(lines[firstAnchor.index - 1]) && ownParts(lines[firstAnchor.index] as ResumeLine, firstAnchor.range).length < 2;
  const entries: Entry[] = [];
  anchors.forEach(({ index, range }, n) => {
    const line = lines[index] as ResumeLine;
    const parts = ownParts(line, range);
    const floor = entries.at(-1)?.last ?? -1;
    const ceiling = anchors[n + 1]?.index ?? lines.length;
    let first = index;
    let last = index;
    const takeAbove = () => {
      while (parts.length < 2 && first - 1 > floor && first > index - 2 && isRoleLine(lines[first - 1])) {
        first--;
        parts.unshift(...roleParts((lines[first] as ResumeLine).text));
      }
    };
    const takeBelow = () => {
      while (parts.length < 2 && last + 1 < ceiling && last < index + 2 && isRoleLine(lines[last + 1])) {
        last++;
        parts.push(...roleParts((lines[last] as ResumeLine).text));
      }
    };
    if (rolesAbove) {
      takeAbove();
      takeBelow();
    } else {
      takeBelow();
      takeAbove();
    }
    entries.push({ anchor: index, range, first, last, parts });
  });

  const jobs: ParsedEmployment[] = [];
  entries.forEach((entry, n) => {
    const [a, b] = entry.parts;
    // A second role under the same employer's name: "Company" once, then each title with its dates.
    const employer = !b && a && looksLikeTitle(a) ? jobs.at(-1)?.company_name : undefined;
    if (!a || !(b ?? employer)) return;
    const [job_title, company_name] = employer ? [a, employer] : titleFirst(a, b ?? '') ? [a, b ?? ''] : [b ?? '', a];
    const end = entries[n + 1]?.first ?? lines.length;
    const described: string[] = [];
    for (const line of lines.slice(entry.last + 1, end)) {
      // A wrapped list item continues on a line of its own.
      if (!line.bullet && described.length > 0 && /^\p{Ll}/u.test(line.text)) described[described.length - 1] += ` ${line.text}`;
      else described.push(line.text);
    }
    jobs.push({
      job_title,
      company_name,
      start_date: entry.range.start_date,
      end_date: entry.range.end_date,
      is_current: entry.range.is_current,
      description: described.join('\n').slice(0, MAX_DESCRIPTION).trim() || null,
    });
  });
  return jobs;
}
