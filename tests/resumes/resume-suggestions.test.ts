import { api, expectProblem, openDatabase, tokenFor, uniqueEmail } from '../support/api';
import { blobNamesOf, newUser, postResume } from './resume-helpers';

/**
 * Confidence and review: values below the import threshold are never written, they come back as suggestions the
 * candidate can accept; a dry run parses without storing anything.
 */
const db = openDatabase();
afterAll(() => db.close());

/** No skills section: the skills are only recognised in a job's bullet point, so they are offered, not imported. */
const SKILLS_IN_PASSING = [
  'Jordan Lee',
  'jordan.lee@example.com | 0412 000 111 | Brisbane QLD 4000',
  '',
  'Experience',
  'Software Engineer | Atlassian',
  'Mar 2020 – Present',
  '- Built TypeScript services on Docker and Kubernetes.',
  '',
  'Education',
  'Bachelor of Information Technology, QUT, 2015 – 2018',
].join('\n');

interface Suggestions {
  profile: Record<string, string>;
  employment: unknown[];
  education: unknown[];
  skills: Array<{ skill_name: string; skill_type: string; confidence: number }>;
}
interface ParseBody {
  cv_file_path: string | null;
  dry_run: boolean;
  confidence: { profile: Record<string, number>; employment: number[]; education: number[]; skills: number[] };
  suggestions: Suggestions;
  imported: Record<string, number>;
  data: { skills: Array<{ skill_name: string }> };
}

async function candidate() {
  const token = await tokenFor(uniqueEmail('suggest'));
  return { token, userId: await newUser(token) };
}

const count = (table: string, userId: string) => (db.prepare(`select count(*) as n from ${table} where user_id = ?`).get(userId) as { n: number }).n;
const accept = (token: string, json: unknown, headers: Record<string, string> = {}) => api<{ imported: Record<string, number> }>('/api/accept-resume-suggestions', { method: 'POST', token, json, headers });

describe('parse-resume confidence, suggestions and dry runs', () => {
  it('never imports a value below the threshold; returns it as a suggestion with its confidence', async () => {
    const { token, userId } = await candidate();
    const response = await postResume<ParseBody>(token, { raw: Buffer.from(SKILLS_IN_PASSING), contentType: 'text/plain' });
    expect(response.status).toBe(200);
    const body = response.body;
    expect(body.data.skills.map((s) => s.skill_name)).toEqual(['TypeScript', 'Docker', 'Kubernetes']);
    expect(body.confidence.skills.every((c) => c < 0.75)).toBe(true);
    expect(body.confidence.employment[0]).toBeGreaterThanOrEqual(0.75);
    expect(body.confidence.profile.email).toBeGreaterThanOrEqual(0.75);
    expect(body.imported).toEqual({ profile_fields_updated: 8, employment_added: 1, education_added: 1, skills_added: 0 });
    expect(body.suggestions.skills).toEqual(body.confidence.skills.map((confidence, i) => ({ skill_name: body.data.skills[i]?.skill_name, skill_type: 'hard', confidence })));
    expect(body.suggestions.employment).toEqual([]);
    expect(count('candidate_skills', userId)).toBe(0);
    expect(count('employment_history', userId)).toBe(1);
  });

  it('imports the suggestions the candidate accepts, once, audited', async () => {
    const { token, userId } = await candidate();
    const parsed = await postResume<ParseBody>(token, { raw: Buffer.from(SKILLS_IN_PASSING), contentType: 'text/plain' });
    const etag = parsed.headers.get('etag') ?? '';
    const chosen = parsed.body.suggestions.skills.slice(0, 2);
    const accepted = await accept(token, { skills: chosen }, { 'if-match': etag });
    expect(accepted.status).toBe(200);
    expect(accepted.body.imported).toEqual({ profile_fields_updated: 0, employment_added: 0, education_added: 0, skills_added: 2 });
    expect(accepted.headers.get('etag')).toBe('"2"');
    expect(db.prepare('select skill_name, source from candidate_skills where user_id = ? order by rowid').all(userId)).toEqual([
      { skill_name: 'TypeScript', source: 'resume' },
      { skill_name: 'Docker', source: 'resume' },
    ]);
    // Accepting again adds nothing twice; a stale If-Match is refused and writes nothing.
    expect((await accept(token, { skills: chosen })).body.imported.skills_added).toBe(0);
    expectProblem(await accept(token, { skills: parsed.body.suggestions.skills }, { 'if-match': etag }), 412);
    expect(count('candidate_skills', userId)).toBe(2);
    const audit = db.prepare(`select new_values from audit_log where user_id = ? and action = 'resume_suggestions_accepted'`).all(userId) as Array<{ new_values: string }>;
    expect(audit.map((a) => JSON.parse(a.new_values))).toEqual([
      { profile_fields_updated: 0, employment_added: 0, education_added: 0, skills_added: 2 },
      { profile_fields_updated: 0, employment_added: 0, education_added: 0, skills_added: 0 },
    ]);
  });

  it('refuses a malformed suggestion (400) and stores nothing', async () => {
    const { token, userId } = await candidate();
    expectProblem(await accept(token, { skills: [{ skill_name: 'Docker', skill_type: 'medium' }] }), 400);
    expectProblem(await accept(token, { profile: { state: 'Queensland' } }), 400);
    expectProblem(await accept(token, { employment: [{ job_title: 'Engineer' }] }), 400);
    expect(count('candidate_skills', userId)).toBe(0);
    expect(count('candidate_profiles', userId)).toBe(0);
  });

  it('a dry run parses and stores nothing: no file, no profile, no rows, no ETag', async () => {
    const { token, userId } = await candidate();
    const response = await postResume<ParseBody>(token, { raw: Buffer.from(SKILLS_IN_PASSING), contentType: 'text/plain' }, { query: '?dryRun=true' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ dry_run: true, cv_file_path: null, imported: { profile_fields_updated: 0, employment_added: 0, education_added: 0, skills_added: 0 } });
    expect(response.body.suggestions.skills).toHaveLength(3);
    expect(response.headers.get('etag')).toBeNull();
    expect(count('candidate_profiles', userId)).toBe(0);
    expect(count('employment_history', userId)).toBe(0);
    expect(await blobNamesOf(userId)).toEqual([]);
    expectProblem(await postResume(token, { raw: Buffer.from(SKILLS_IN_PASSING) }, { query: '?dryRun=yes' }), 400);
  });
});
