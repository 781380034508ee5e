import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { buildFixture, type Fixture } from '../matrix/fixture';
import { api, expectProblem } from '../support/api';

interface Selection { selected: number; selection_rate: number; impact_ratio: number | null; below_four_fifths: boolean }
interface Group {
  value: string;
  kind: string;
  applicants: number;
  stages: Record<'shortlisted' | 'invited' | 'interviewed' | 'advanced' | 'hired', Selection>;
  scores: { scored: number; mean_ai_score: number | null; standardised_difference: number | null; overrides: number; mean_override_change: number | null; advanced_by_ai_score: Selection };
}
interface Field { field: string; applicants: number | null; groups: Group[]; suppressed_count: number | null; overrides_change_flags: boolean }
interface Report { applicants: number; fields: Field[]; overrides: Record<string, number | null>; mean_ai_score: number | null; ai_score_standard_deviation: number | null }

let fx: Fixture;
let roleId: string;
const candidateIds: string[] = [];
const DAY = 86_400_000;
const today = new Date();
const from = new Date(today.getTime() - DAY).toISOString().slice(0, 10);
const to = new Date(today.getTime() + DAY).toISOString().slice(0, 10);

function insert(db: Database.Database, table: string, row: Record<string, unknown>): string {
  const id = randomUUID();
  const full: Record<string, unknown> = { id, ...row };
  const columns = Object.keys(full);
  db.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`).run(...Object.values(full));
  return id;
}

interface Applicant {
  gender?: string | null;
  ethnicity?: string | null;
  veteran_status?: string | null;
  /** No DEI row at all. */
  noDei?: boolean;
  invited?: boolean;
  hired?: boolean;
  match?: number;
  ai?: number;
  override?: number;
  createdAt?: string;
}

/** One applicant to the report's role, written straight into the suite's database. */
function addApplicant(db: Database.Database, a: Applicant): void {
  const at = a.createdAt ?? new Date().toISOString();
  const userId = randomUUID();
  candidateIds.push(userId);
  db.prepare('insert into users (id, issuer, subject, email, created_at, last_sign_in_at) values (?, ?, ?, ?, ?, ?)').run(userId, 'https://fairness.example', userId, `${userId}@example.com`, at, at);
  if (!a.noDei) insert(db, 'candidate_dei', { user_id: userId, gender: a.gender ?? null, ethnicity: a.ethnicity ?? null, veteran_status: a.veteran_status ?? null, created_at: at });
  const applicationId = insert(db, 'applications', { candidate_id: userId, job_role_id: roleId, status: a.hired ? 'hired' : 'applied', created_at: at, updated_at: at });
  candidateIds.push(applicationId);
  if (a.match !== undefined) {
    db.prepare(`insert into shortlist_entries (application_id, job_role_id, match_score, deterministic_score, match_reasons, stage, provider, created_at) values (?, ?, ?, ?, '[]', 'deterministic', 'offline', ?)`).run(applicationId, roleId, a.match, a.match, at);
  }
  if (a.invited) insert(db, 'invitations', { application_id: applicationId, token_hash: randomUUID(), status: 'sent', expires_at: at, created_at: at });
  if (a.ai !== undefined) {
    const interviewId = insert(db, 'interviews', { application_id: applicationId, status: 'completed', anti_cheat_signals: '[]', metadata: '{}', created_at: at, updated_at: at });
    insert(db, 'interview_scores', {
      interview_id: interviewId, overall_score: a.ai, human_override: a.override === undefined ? 0 : 1, human_override_score: a.override ?? null,
      scored_by: 'offline', created_at: at, updated_at: at,
    });
  }
}

const times = (n: number, a: (i: number) => Applicant): Applicant[] => Array.from({ length: n }, (_, i) => a(i));

/*
 * The fixture, by gender (33 applicants in the range, and one before it):
 *   woman 10: ethnicity european; shortlist matches 90..81; 8 invited; 4 hired; 5 scored 80 (no override); 4 veterans
 *   man 10: ethnicity european 6, south asian 4; matches 50..41; 5 invited; 4 hired; 5 scored 60, two overridden to 75
 *   prefer not to say 6: ethnicity south asian 2, māori 4; 3 hired
 *   non-binary 4 (no other answer), no DEI row 3
 * Ethnicity: european 16, south asian 6, māori 4, not answered 7 (4 non-binary + 3 without a row).
 */
beforeAll(async () => {
  fx = await buildFixture();
  roleId = insert(fx.db, 'job_roles', { organisation_id: fx.orgA, title: 'Fairness role', status: 'active', created_at: today.toISOString(), updated_at: today.toISOString() });
  const applicants: Applicant[] = [
    ...times(10, (i) => ({ gender: 'Woman', ethnicity: 'European', veteran_status: i < 4 ? 'veteran' : null, match: 90 - i, invited: i < 8, hired: i < 4, ai: i < 5 ? 80 : undefined })),
    ...times(10, (i) => ({
      gender: ' man ', ethnicity: i < 6 ? 'european' : 'South Asian', match: 50 - i, invited: i < 5, hired: i >= 6,
      ai: i < 5 ? 60 : undefined, override: i < 2 ? 75 : undefined,
    })),
    ...times(6, (i) => ({ gender: 'Prefer not to say', ethnicity: i < 2 ? 'south asian' : 'Māori', hired: i < 3 })),
    ...times(4, () => ({ gender: 'non-binary' })),
    ...times(3, () => ({ noDei: true })),
    { gender: 'woman', ethnicity: 'european', createdAt: new Date(today.getTime() - 400 * DAY).toISOString() },
  ];
  for (const a of applicants) addApplicant(fx.db, a);
}, 60_000);
afterAll(() => fx.db.close());

const reportPath = (query: string, organisationId = fx.orgA) => `/api/organisations/${organisationId}/fairness-report?from=${from}&to=${to}&${query}`;
const fieldOf = (report: Report, name: string) => report.fields.find((f) => f.field === name) as Field;
const groupOf = (field: Field, value: string) => field.groups.find((g) => g.value === value) as Group;

describe('the adverse-impact report', () => {
  it('gives selection rates and impact ratios against the most-selected group, computed by hand', async () => {
    const response = await api<Report>(reportPath(`job_role_id=${roleId}&top_n=12`), { token: fx.tokens.admin });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const report = response.body;
    expect(report.applicants).toBe(33); // the one before the range is not counted

    const gender = fieldOf(report, 'gender');
    expect(gender.applicants).toBe(33);
    // non-binary (4) alone would be revealed; with the 3 who gave no answer it is folded into 7.
    expect(gender.groups.map((g) => [g.value, g.kind, g.applicants])).toEqual([
      ['man', 'answer', 10], ['woman', 'answer', 10], ['prefer not to say', 'prefer_not_to_say', 6],
    ]);
    expect(gender.suppressed_count).toBe(7);
    const woman = groupOf(gender, 'woman');
    const man = groupOf(gender, 'man');
    const declined = groupOf(gender, 'prefer not to say');

    // Shortlisted (top 12 matches): the 10 women (90..81) and 2 men (50, 49).
    expect(woman.stages.shortlisted).toEqual({ selected: 10, selection_rate: 1, impact_ratio: 1, below_four_fifths: false });
    expect(man.stages.shortlisted.selected).toBe(2);
    expect(man.stages.shortlisted.impact_ratio).toBeCloseTo(2 / 10 / (10 / 10), 4);
    expect(man.stages.shortlisted.below_four_fifths).toBe(true);
    // Invited: women 8/10, men 5/10: ratio 0.5 / 0.8 = 0.625, under four-fifths.
    expect(woman.stages.invited.selection_rate).toBeCloseTo(0.8, 4);
    expect(man.stages.invited.selection_rate).toBeCloseTo(0.5, 4);
    expect(man.stages.invited.impact_ratio).toBeCloseTo(0.5 / 0.8, 4);
    expect(man.stages.invited.below_four_fifths).toBe(true);
    expect(declined.stages.invited).toEqual({ selected: 0, selection_rate: 0, impact_ratio: 0, below_four_fifths: true });
    // Interviewed: 5 of 10 each.
    expect(woman.stages.interviewed.impact_ratio).toBe(1);
    expect(man.stages.interviewed.impact_ratio).toBe(1);
    // Hired: 4/10 each; prefer-not-to-say 3/6 = 0.5 is above them but never the reference: 0.5 / 0.4 = 1.25.
    expect(man.stages.hired.impact_ratio).toBe(1);
    expect(declined.stages.hired.impact_ratio).toBeCloseTo(0.5 / 0.4, 4);
    expect(declined.stages.hired.below_four_fifths).toBe(false);
    // Advanced (final score ≥ 70): women 5/10; men 2/10 (only the two overridden to 75): 0.2 / 0.5 = 0.4.
    expect(woman.stages.advanced.selection_rate).toBeCloseTo(0.5, 4);
    expect(man.stages.advanced.impact_ratio).toBeCloseTo(0.2 / 0.5, 4);
    // By the AI alone no man advanced: 0 / 0.5 = 0; both flagged, so the overrides do not change the flags.
    expect(man.scores.advanced_by_ai_score.impact_ratio).toBe(0);
    expect(gender.overrides_change_flags).toBe(false);
  });

  it('reports mean AI scores, the standardised difference and the overrides, computed by hand', async () => {
    const report = (await api<Report>(reportPath(`job_role_id=${roleId}`), { token: fx.tokens.admin })).body;
    // Ten scored: five 80s and five 60s: mean 70, population SD 10.
    expect(report.mean_ai_score).toBe(70);
    expect(report.ai_score_standard_deviation).toBe(10);
    const gender = fieldOf(report, 'gender');
    expect(groupOf(gender, 'woman').scores).toMatchObject({ scored: 5, mean_ai_score: 80, standardised_difference: (80 - 70) / 10, overrides: 0, mean_override_change: null });
    expect(groupOf(gender, 'man').scores).toMatchObject({ scored: 5, mean_ai_score: 60, standardised_difference: (60 - 70) / 10, overrides: 2, mean_override_change: 75 - 60 });
    // Fewer than five scored: no mean.
    expect(groupOf(gender, 'prefer not to say').scores).toMatchObject({ scored: 0, mean_ai_score: null });
    expect(report.overrides).toEqual({ scored: 10, overridden: 2, override_rate: 2 / 10, mean_change: 15, mean_absolute_change: 15 });
  });

  it('folds small groups with complementary suppression and counts declining and not answering on their own', async () => {
    const report = (await api<Report>(reportPath(`job_role_id=${roleId}`), { token: fx.tokens.admin })).body;
    // Ethnicity: european 16, not answered 7, south asian 6, māori 4. Māori (4) alone could be learnt by
    // subtraction, so south asian (6) is folded in with it.
    const ethnicity = fieldOf(report, 'ethnicity');
    expect(ethnicity.groups.map((g) => [g.value, g.kind, g.applicants])).toEqual([['european', 'answer', 16], ['not answered', 'missing', 7]]);
    expect(ethnicity.suppressed_count).toBe(10);
    // Veteran status: 4 veterans (a group of 4) and 29 without an answer: folding 4 alone would reveal it, so
    // nothing is reported.
    const veteran = fieldOf(report, 'veteran_status');
    expect(veteran.groups).toEqual([]);
    expect(veteran.suppressed_count).toBe(33);
  });

  it('never returns a per-person value, an id of a candidate, or a suppressed group', async () => {
    const json = await api(reportPath(`job_role_id=${roleId}`), { token: fx.tokens.admin });
    const csv = await api(reportPath(`job_role_id=${roleId}&format=csv`), { token: fx.tokens.admin });
    for (const text of [json.text, csv.text]) {
      for (const id of candidateIds) expect(text).not.toContain(id);
      expect(text.toLowerCase()).not.toContain('non-binary');
      expect(text.toLowerCase()).not.toContain('māori');
      expect(text.toLowerCase()).not.toContain('south asian');
      expect(text.toLowerCase()).not.toContain('veteran"');
    }
  });

  it('downloads as CSV, one row per field, group and stage', async () => {
    const response = await api(reportPath(`job_role_id=${roleId}&top_n=12&format=csv`), { token: fx.tokens.admin });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="fairness-/);
    const lines = response.text.trim().split('\r\n');
    expect(lines[0]).toBe('field,group,kind,applicants,stage,selected,selection_rate,impact_ratio,below_four_fifths,scored,mean_ai_score,standardised_difference,overrides,mean_override_change');
    expect(lines).toContain('gender,man,answer,10,invited,5,0.5,0.625,true,5,60,-1,2,15');
    expect(lines).toContain('gender,suppressed,suppressed,7,,,,,,,,,,');
  });

  it('audits every request', async () => {
    const count = () => (fx.db.prepare(`select count(*) as n from audit_log where user_id = ? and action = 'fairness_report_requested' and organisation_id = ?`).get(fx.userIds.admin, fx.orgA) as { n: number }).n;
    const before = count();
    await api(reportPath(''), { token: fx.tokens.admin });
    await api(reportPath('format=csv'), { token: fx.tokens.admin });
    expect(count()).toBe(before + 2);
  });

  it('covers the whole organisation when no role is given', async () => {
    const report = (await api<Report>(reportPath(''), { token: fx.tokens.admin })).body;
    // The fixture's own applicant to role A is in the range as well.
    expect(report.applicants).toBe(34);
  });

  it('is refused to members who are not admins, hidden from other organisations, and checks its input', async () => {
    expectProblem(await api(reportPath(''), { token: fx.tokens.recruiter }), 403);
    expectProblem(await api(reportPath(''), { token: fx.tokens.otherOrgAdmin }), 404);
    expectProblem(await api(reportPath(`job_role_id=${fx.roleB}`), { token: fx.tokens.admin }), 404);
    expectProblem(await api(reportPath('', fx.orgB), { token: fx.tokens.admin }), 404);
    expectProblem(await api(`/api/organisations/${fx.orgA}/fairness-report?from=${to}&to=${from}`, { token: fx.tokens.admin }), 400);
    expectProblem(await api(`/api/organisations/${fx.orgA}/fairness-report?from=yesterday&to=${to}`, { token: fx.tokens.admin }), 400);
    expectProblem(await api(reportPath(''), {}), 401);
  });
});
