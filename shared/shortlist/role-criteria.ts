import { canonicalSkill, findSkills, skillKey } from '../skills/skill-vocabulary';
import { dayIndex } from './job-span';

/** The role as the shortlist reads it. */
export interface ShortlistRole {
  id: string;
  organisation_id: string;
  title: string;
  work_type: string | null;
  location: string | null;
  requirements: { skills: string[]; experience: string[]; qualifications: string[] } | null;
}

/** What every applicant is measured against, worked out once per run. */
export interface RoleCriteria {
  /** Required skills: key (canonical, lower case) → canonical name, in the role's order. */
  skills: ReadonlyMap<string, string>;
  /** Words of the role title that make a former job relevant ("backend", "engineer"). */
  title_words: ReadonlySet<string>;
  /** Years asked for, or null when the requirements name none. */
  required_years: number | null;
  work_type: string | null;
  /** The role's state or territory (NSW, VIC, ...), when its location names one. */
  state: string | null;
  /** Today, in days since the epoch, so a current job's length is fixed for the whole run. */
  today: number;
}

const TITLE_STOPWORDS = new Set([
  'and', 'the', 'of', 'for', 'in', 'to', 'with', 'a', 'an', 'at', 'senior', 'junior', 'snr', 'jnr', 'sr', 'jr', 'lead', 'principal',
  'staff', 'head', 'graduate', 'grad', 'intern', 'trainee', 'associate', 'assistant', 'ii', 'iii', 'iv', 'level', 'mid',
]);

const STATE_NAMES: Record<string, string[]> = {
  NSW: ['nsw', 'new south wales', 'sydney', 'newcastle', 'wollongong', 'parramatta'],
  VIC: ['vic', 'victoria', 'melbourne', 'geelong', 'ballarat'],
  QLD: ['qld', 'queensland', 'brisbane', 'gold coast', 'sunshine coast', 'townsville', 'cairns'],
  WA: ['wa', 'western australia', 'perth'],
  SA: ['sa', 'south australia', 'adelaide'],
  TAS: ['tas', 'tasmania', 'hobart', 'launceston'],
  ACT: ['act', 'australian capital territory', 'canberra'],
  NT: ['nt', 'northern territory', 'darwin'],
};

const STATE_BY_NAME = new Map(Object.entries(STATE_NAMES).flatMap(([state, names]) => names.map((name) => [name, state] as const)));

/** A candidate's state as stored (an abbreviation, or a legacy full name), as an abbreviation. */
export function normaliseState(value: string | null): string | null {
  if (value === null) return null;
  const key = value.trim().toLowerCase();
  return STATE_BY_NAME.get(key) ?? (key.length > 0 ? value.trim().toUpperCase() : null);
}

/** The state a free-text role location names ("Sydney NSW", "Melbourne, Victoria"), or null. */
function stateOfLocation(location: string | null): string | null {
  if (!location) return null;
  const text = ` ${location.toLowerCase().replace(/[^a-z]+/g, ' ')} `;
  for (const [state, names] of Object.entries(STATE_NAMES)) {
    if (names.some((name) => text.includes(` ${name} `))) return state;
  }
  return null;
}

export function titleWords(title: string): string[] {
  return title
    .toLowerCase()
    .split(/[^a-z0-9#+]+/)
    .filter((word) => word.length >= 2 && !TITLE_STOPWORDS.has(word));
}

const YEARS = /(\d{1,2})\s*\+?\s*(?:years?|yrs?)\b/gi;

function requiredYears(lines: string[]): number | null {
  let most: number | null = null;
  for (const line of lines) {
    for (const match of line.matchAll(YEARS)) {
      const years = Number(match[1]);
      if (years > 0 && years <= 40) most = Math.max(most ?? 0, years);
    }
  }
  return most;
}

/** Requirement lines may be phrases ("5 years of Node.js"); known skills are taken from them, else the line itself. */
function requiredSkills(lines: string[]): Map<string, string> {
  const skills = new Map<string, string>();
  for (const line of lines) {
    const found = findSkills(line);
    const names = found.length > 0 ? found : [canonicalSkill(line)];
    for (const name of names) if (!skills.has(skillKey(name))) skills.set(skillKey(name), name);
  }
  return skills;
}

export function prepareCriteria(role: ShortlistRole, now: Date): RoleCriteria {
  const requirements = role.requirements;
  return {
    skills: requiredSkills(requirements?.skills ?? []),
    title_words: new Set(titleWords(role.title)),
    required_years: requiredYears(requirements?.experience ?? []),
    work_type: role.work_type,
    state: stateOfLocation(role.location),
    today: dayIndex(now.toISOString()),
  };
}
