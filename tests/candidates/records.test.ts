import { randomUUID } from 'node:crypto';
import { api, expectProblem, openDatabase } from '../support/api';
import { auditRows, newCandidate, signIn, type Candidate } from './world';

interface Employment {
  id: string;
  job_title: string;
  start_date: string;
  end_date: string | null;
  is_current: boolean;
  source: string;
  version: number;
}

const db = openDatabase();
afterAll(() => db.close());

const JOB = { job_title: 'Backend Engineer', company_name: 'Canva', start_date: '2021-03-01', end_date: '2023-06-30', description: 'APIs on Azure.' };

async function addJob(candidate: Candidate, body: Record<string, unknown> = JOB) {
  return api<{ employment: Employment }>('/api/candidate/employment', { method: 'POST', token: candidate.token, json: body });
}

const patch = (token: string, path: string, json: unknown, etag?: string) =>
  api<Record<string, Employment>>(path, { method: 'PATCH', token, json, headers: etag ? { 'if-match': etag } : {} });

describe('employment history', () => {
  it('adds an entry (ETag of its version), lists it with the profile and audits it without personal details', async () => {
    const candidate = await newCandidate();
    const response = await addJob(candidate);
    expect(response.status).toBe(201);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.body.employment).toMatchObject({ ...JOB, is_current: false, source: 'manual', version: 1, user_id: candidate.userId });

    const profile = await api<{ employment: Employment[] }>('/api/candidate/profile', { token: candidate.token });
    expect(profile.body.employment).toEqual([response.body.employment]);

    const [audit] = auditRows(db, candidate.userId, 'employment_added');
    expect(audit).toMatchObject({ entity_type: 'employment_history', entity_id: response.body.employment.id });
    expect(audit?.new_values).not.toMatch(/Canva|Backend|Azure|2021/);
  });

  it('lists current jobs first, then the most recent', async () => {
    const candidate = await newCandidate();
    await addJob(candidate, { ...JOB, job_title: 'Old', start_date: '2015-01-01', end_date: '2016-01-01' });
    await addJob(candidate, { ...JOB, job_title: 'Now', start_date: '2022-01-01', end_date: null, is_current: true });
    await addJob(candidate, { ...JOB, job_title: 'Recent', start_date: '2019-01-01', end_date: '2021-12-31' });
    const profile = await api<{ employment: Employment[] }>('/api/candidate/profile', { token: candidate.token });
    expect(profile.body.employment.map((e) => e.job_title)).toEqual(['Now', 'Recent', 'Old']);
  });

  it('needs a candidate profile first (409)', async () => {
    const { token } = await signIn('staff');
    expectProblem(await api('/api/candidate/employment', { method: 'POST', token, json: JOB }), 409);
  });

  it.each([
    ['an end before the start', { ...JOB, end_date: '2020-01-01' }, 'end_date'],
    ['a current job with an end date', { ...JOB, is_current: true }, 'end_date'],
    ['a date that does not exist', { ...JOB, start_date: '2023-02-29' }, 'start_date'],
    ['a date in another format', { ...JOB, start_date: '01/03/2021' }, 'start_date'],
    ['no job title', { ...JOB, job_title: '  ' }, 'job_title'],
    ['no company', { job_title: 'x', start_date: '2020-01-01' }, 'company_name'],
    ['an unknown field', { ...JOB, salary: 1 }, '(root)'],
  ])('answers 400 naming the field for %s', async (_case, body, path) => {
    const candidate = await newCandidate();
    const problem = expectProblem(await addJob(candidate, body), 400);
    expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });

  it('changes an entry with If-Match; the merged entry must still satisfy the date rules', async () => {
    const candidate = await newCandidate();
    const job = (await addJob(candidate)).body.employment;
    const path = `/api/candidate/employment/${job.id}`;

    const invalid = await patch(candidate.token, path, { start_date: '2024-01-01' }, '"1"');
    expect(expectProblem(invalid, 400).errors).toEqual([expect.objectContaining({ path: 'end_date' })]);

    const current = await patch(candidate.token, path, { end_date: null, is_current: true, job_title: 'Staff Engineer' }, '"1"');
    expect(current.status).toBe(200);
    expect(current.headers.get('etag')).toBe('"2"');
    expect(current.body.employment).toMatchObject({ end_date: null, is_current: true, job_title: 'Staff Engineer', company_name: 'Canva', version: 2 });

    const [audit] = auditRows(db, candidate.userId, 'employment_updated');
    expect(JSON.parse(audit?.new_values ?? '{}')).toEqual({ job_title: '(changed)', end_date: '(changed)', is_current: true });
  });

  it('lets one of two changes based on the same version win; the other gets 412; no If-Match is 428', async () => {
    const candidate = await newCandidate();
    const job = (await addJob(candidate)).body.employment;
    const path = `/api/candidate/employment/${job.id}`;
    const responses = await Promise.all(['A', 'B'].map((job_title) => patch(candidate.token, path, { job_title }, '"1"')));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 412]);
    expectProblem(await patch(candidate.token, path, { job_title: 'C' }), 428);
  });

  it("answers 404 for another person's entry, to change or to remove, and leaves it alone", async () => {
    const owner = await newCandidate();
    const other = await newCandidate();
    const job = (await addJob(owner)).body.employment;
    const path = `/api/candidate/employment/${job.id}`;
    expectProblem(await patch(other.token, path, { job_title: 'Hijacked' }, '"1"'), 404);
    expectProblem(await api(path, { method: 'DELETE', token: other.token }), 404);
    expect(db.prepare('select job_title from employment_history where id = ?').get(job.id)).toEqual({ job_title: JOB.job_title });
  });

  it('removes an entry (204, audited); a second removal is 404', async () => {
    const candidate = await newCandidate();
    const job = (await addJob(candidate)).body.employment;
    const path = `/api/candidate/employment/${job.id}`;
    const removed = await api(path, { method: 'DELETE', token: candidate.token });
    expect(removed.status).toBe(204);
    expect(removed.text).toBe('');
    expectProblem(await api(path, { method: 'DELETE', token: candidate.token }), 404);
    expect(auditRows(db, candidate.userId, 'employment_removed')).toEqual([
      expect.objectContaining({ entity_id: job.id, old_values: null, new_values: null }),
    ]);
  });

  it('makes an entry a resume parse added the candidate\'s own once they edit it', async () => {
    const candidate = await newCandidate();
    const id = randomUUID();
    db.prepare(`insert into employment_history (id, user_id, job_title, company_name, start_date, is_current, source, created_at)
                values (?, ?, 'Parsed', 'From CV', '2018-01-01', 0, 'resume', ?)`).run(id, candidate.userId, new Date().toISOString());
    const response = await patch(candidate.token, `/api/candidate/employment/${id}`, { job_title: 'Corrected' }, '"1"');
    expect(response.body.employment).toMatchObject({ job_title: 'Corrected', source: 'manual' });
  });

  it('keeps the list bounded', async () => {
    const candidate = await newCandidate();
    const insert = db.prepare(`insert into employment_history (id, user_id, job_title, company_name, start_date, is_current, created_at) values (?, ?, 'J', 'C', '2000-01-01', 0, ?)`);
    for (let i = 0; i < 50; i++) insert.run(randomUUID(), candidate.userId, new Date().toISOString());
    expectProblem(await addJob(candidate), 409);
  });
});

describe('education', () => {
  it('adds, changes and removes a qualification with optional dates', async () => {
    const candidate = await newCandidate();
    const added = await api<{ education: { id: string; start_date: string | null; is_current: boolean } }>('/api/candidate/education', {
      method: 'POST',
      token: candidate.token,
      json: { institution: 'University of Melbourne', degree: 'BSc', field_of_study: 'Computing', is_current: true },
    });
    expect(added.status).toBe(201);
    expect(added.body.education).toMatchObject({ start_date: null, end_date: null, is_current: true, field_of_study: 'Computing' });
    const path = `/api/candidate/education/${added.body.education.id}`;

    expectProblem(await patch(candidate.token, path, { end_date: '2024-11-30' }, '"1"'), 400);
    const finished = await patch(candidate.token, path, { is_current: false, start_date: '2021-02-01', end_date: '2024-11-30' }, '"1"');
    expect(finished.status).toBe(200);
    expect(finished.body.education).toMatchObject({ is_current: false, start_date: '2021-02-01', end_date: '2024-11-30', version: 2 });

    expect((await api(path, { method: 'DELETE', token: candidate.token })).status).toBe(204);
    expect(auditRows(db, candidate.userId, 'education_added')).toHaveLength(1);
    expect(auditRows(db, candidate.userId, 'education_updated')).toHaveLength(1);
    expect(auditRows(db, candidate.userId, 'education_removed')).toHaveLength(1);
  });

  it('refuses an end before the start', async () => {
    const candidate = await newCandidate();
    const response = await api('/api/candidate/education', {
      method: 'POST',
      token: candidate.token,
      json: { institution: 'RMIT', degree: 'BA', start_date: '2020-01-01', end_date: '2019-01-01' },
    });
    expect(expectProblem(response, 400).errors).toEqual([expect.objectContaining({ path: 'end_date' })]);
  });
});

describe('skills', () => {
  const addSkill = (candidate: Candidate, json: Record<string, unknown>) =>
    api<{ skill: { id: string; skill_name: string; proficiency_level: string | null } }>('/api/candidate/skills', { method: 'POST', token: candidate.token, json });

  it('adds a skill and refuses the same name in another letter case (409)', async () => {
    const candidate = await newCandidate();
    const added = await addSkill(candidate, { skill_name: 'TypeScript', skill_type: 'hard' });
    expect(added.status).toBe(201);
    expect(added.body.skill).toMatchObject({ skill_name: 'TypeScript', proficiency_level: null });
    expectProblem(await addSkill(candidate, { skill_name: ' typescript ', skill_type: 'hard' }), 409);
    // another candidate may list it
    expect((await addSkill(await newCandidate(), { skill_name: 'typescript', skill_type: 'hard' })).status).toBe(201);
  });

  it('refuses a rename onto another skill, allows renaming a skill to another case of itself', async () => {
    const candidate = await newCandidate();
    await addSkill(candidate, { skill_name: 'Azure', skill_type: 'hard' });
    const sql = (await addSkill(candidate, { skill_name: 'sql', skill_type: 'hard', proficiency_level: 'advanced' })).body.skill;
    const path = `/api/candidate/skills/${sql.id}`;
    expectProblem(await patch(candidate.token, path, { skill_name: 'AZURE' }, '"1"'), 409);
    const renamed = await patch(candidate.token, path, { skill_name: 'SQL' }, '"1"');
    expect(renamed.status).toBe(200);
    expect(renamed.body.skill).toMatchObject({ skill_name: 'SQL', proficiency_level: 'advanced', version: 2 });
  });

  it.each([
    ['an unknown skill type', { skill_name: 'Go', skill_type: 'medium' }, 'skill_type'],
    ['an unknown proficiency', { skill_name: 'Go', skill_type: 'hard', proficiency_level: 'guru' }, 'proficiency_level'],
    ['a name too long', { skill_name: 'x'.repeat(101), skill_type: 'soft' }, 'skill_name'],
  ])('answers 400 for %s', async (_case, body, path) => {
    const problem = expectProblem(await addSkill(await newCandidate(), body), 400);
    expect(problem.errors).toEqual([expect.objectContaining({ path })]);
  });

  it('answers 404 for an id that is not a GUID or not the caller\'s', async () => {
    const candidate = await newCandidate();
    expectProblem(await api('/api/candidate/skills/not-a-guid', { method: 'DELETE', token: candidate.token }), 404);
    expectProblem(await api(`/api/candidate/skills/${randomUUID()}`, { method: 'DELETE', token: candidate.token }), 404);
  });
});
