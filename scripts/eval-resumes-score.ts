import type { ParsedResume } from '../shared/resumes/parse-resume-task';
import type { ResumeTruth } from './eval-resumes-corpus';

/**
 * How a parse is scored against its ground truth. Fields: contact fields exact (email without case, URLs without
 * a trailing slash), phones by their digits, the summary and job descriptions by token overlap (F1 ≥ 0.7), and
 * each field of a matched job or qualification exact; a field counts when the truth or the parse states it.
 * Rows: a job matches when title and employer each overlap by token F1 ≥ 0.6, a qualification when degree and
 * institution do; employment and education F1 over matched rows; skills F1 over names as written (case aside).
 */
export interface FileScore {
  fields_correct: number;
  fields_total: number;
  employment: Counts;
  education: Counts;
  skills: Counts;
  misses: string[];
}

export interface Counts {
  matched: number;
  parsed: number;
  truth: number;
}

const DESCRIPTION_OVERLAP = 0.7;
const ROW_MATCH = 0.6;

function tokens(text: string | null | undefined): string[] {
  return (text ?? '').normalize('NFC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

export function tokenF1(a: string | null | undefined, b: string | null | undefined): number {
  const x = tokens(a);
  const y = tokens(b);
  if (x.length === 0 && y.length === 0) return 1;
  if (x.length === 0 || y.length === 0) return 0;
  const pool = [...y];
  let common = 0;
  for (const t of x) {
    const at = pool.indexOf(t);
    if (at >= 0) {
      common++;
      pool.splice(at, 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / x.length;
  const recall = common / y.length;
  return (2 * precision * recall) / (precision + recall);
}

export function f1({ matched, parsed, truth }: Counts): number {
  if (parsed === 0 && truth === 0) return 1;
  return parsed + truth === 0 ? 0 : (2 * matched) / (parsed + truth);
}

const same = (a: string | null | undefined, b: string | null | undefined) => (a ?? '').normalize('NFC').replace(/\s+/g, ' ').trim() === (b ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
const digits = (phone: string | null) => (phone ?? '').replace(/\D/g, '').replace(/^61/, '0');
const url = (address: string | null) => (address ?? '').toLowerCase().replace(/\/+$/, '');

class Tally {
  correct = 0;
  total = 0;
  misses: string[] = [];
  check(name: string, truth: unknown, parsed: unknown, equal: boolean): void {
    if ((truth === null || truth === undefined) && (parsed === null || parsed === undefined)) return;
    this.total++;
    if (equal) this.correct++;
    else this.misses.push(`${name}: expected ${JSON.stringify(truth)}, got ${JSON.stringify(parsed)}`);
  }
}

/** Pairs each truth row with its best unused parsed row above the match bar. */
function matchRows<T, P>(truth: T[], parsed: P[], similarity: (t: T, p: P) => number): Array<[T, P | null]> {
  const used = new Set<number>();
  return truth.map((t) => {
    let best = -1;
    let bestScore = 0;
    parsed.forEach((p, i) => {
      const score = similarity(t, p);
      if (!used.has(i) && score > bestScore) {
        best = i;
        bestScore = score;
      }
    });
    if (best < 0) return [t, null];
    used.add(best);
    return [t, parsed[best] ?? null];
  });
}

export function scoreParse(truth: ResumeTruth, parsed: ParsedResume): FileScore {
  const tally = new Tally();
  const p = parsed.personal;
  const t = truth.personal;
  tally.check('first_name', t.first_name, p.first_name, same(t.first_name, p.first_name));
  tally.check('last_name', t.last_name, p.last_name, same(t.last_name, p.last_name));
  tally.check('email', t.email, p.email, (t.email ?? '').toLowerCase() === (p.email ?? '').toLowerCase());
  tally.check('phone', t.phone, p.phone, digits(t.phone) === digits(p.phone));
  tally.check('linkedin_url', t.linkedin_url, p.linkedin_url, url(t.linkedin_url) === url(p.linkedin_url));
  tally.check('portfolio_url', t.portfolio_url, p.portfolio_url, url(t.portfolio_url) === url(p.portfolio_url));
  tally.check('suburb', t.location.suburb, p.location.suburb, same(t.location.suburb, p.location.suburb));
  tally.check('state', t.location.state, p.location.state, t.location.state === p.location.state);
  tally.check('postcode', t.location.postcode, p.location.postcode, t.location.postcode === p.location.postcode);
  tally.check('summary', truth.summary, parsed.summary, tokenF1(truth.summary, parsed.summary) >= DESCRIPTION_OVERLAP);

  const jobs = matchRows(truth.employment, parsed.employment, (a, b) => {
    const title = tokenF1(a.job_title, b.job_title);
    const company = tokenF1(a.company_name, b.company_name);
    return title >= ROW_MATCH && company >= ROW_MATCH ? title + company : 0;
  });
  for (const [job, found] of jobs) {
    const name = `job "${job.job_title}"`;
    tally.check(`${name} title`, job.job_title, found?.job_title, same(job.job_title, found?.job_title));
    tally.check(`${name} company`, job.company_name, found?.company_name, same(job.company_name, found?.company_name));
    tally.check(`${name} start`, job.start_date, found?.start_date, job.start_date === found?.start_date);
    tally.check(`${name} end`, job.end_date ?? 'none', found ? found.end_date ?? 'none' : undefined, job.end_date === found?.end_date);
    tally.check(`${name} current`, job.is_current, found?.is_current, job.is_current === found?.is_current);
    tally.check(`${name} description`, job.description, found?.description, tokenF1(job.description, found?.description) >= DESCRIPTION_OVERLAP);
  }
  const schools = matchRows(truth.education, parsed.education, (a, b) => {
    const degree = tokenF1(a.degree, b.degree);
    const institution = tokenF1(a.institution, b.institution);
    return degree >= ROW_MATCH && institution >= ROW_MATCH ? degree + institution : 0;
  });
  for (const [school, found] of schools) {
    const name = `education "${school.degree}"`;
    tally.check(`${name} degree`, school.degree, found?.degree, same(school.degree, found?.degree));
    tally.check(`${name} institution`, school.institution, found?.institution, same(school.institution, found?.institution));
    tally.check(`${name} start`, school.start_date ?? 'none', found ? found.start_date ?? 'none' : undefined, school.start_date === found?.start_date);
    tally.check(`${name} end`, school.end_date ?? 'none', found ? found.end_date ?? 'none' : undefined, school.end_date === found?.end_date);
  }
  const skillKey = (name: string) => name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  const truthSkills = new Set(truth.skills.map(skillKey));
  const parsedSkills = new Set(parsed.skills.map((s) => skillKey(s.skill_name)));
  const matchedSkills = [...parsedSkills].filter((s) => truthSkills.has(s)).length;
  const missing = [...truthSkills].filter((s) => !parsedSkills.has(s));
  const extra = [...parsedSkills].filter((s) => !truthSkills.has(s));
  if (missing.length || extra.length) tally.misses.push(`skills: missing ${JSON.stringify(missing)}, extra ${JSON.stringify(extra)}`);
  const extraJobs = parsed.employment.filter((j) => !jobs.some(([, f]) => f === j));
  if (extraJobs.length) tally.misses.push(`extra jobs: ${JSON.stringify(extraJobs.map((j) => `${j.job_title} @ ${j.company_name}`))}`);
  const extraSchools = parsed.education.filter((e) => !schools.some(([, f]) => f === e));
  if (extraSchools.length) tally.misses.push(`extra education: ${JSON.stringify(extraSchools.map((e) => `${e.degree} @ ${e.institution}`))}`);

  return {
    fields_correct: tally.correct,
    fields_total: tally.total,
    employment: { matched: jobs.filter(([, f]) => f).length, parsed: parsed.employment.length, truth: truth.employment.length },
    education: { matched: schools.filter(([, f]) => f).length, parsed: parsed.education.length, truth: truth.education.length },
    skills: { matched: matchedSkills, parsed: parsedSkills.size, truth: truthSkills.size },
    misses: tally.misses,
  };
}
