import { createHash, randomUUID } from 'node:crypto';
import { openDatabase, tokenFor, uniqueEmail } from '../support/api';
import { EXPECTED, resumeDocx, resumePdf, resumeText } from '../support/documents';
import { blobNamesOf, cvContainer, newUser, postResume } from './resume-helpers';

interface ParseResponse {
  success: boolean;
  data: { personal: Record<string, unknown>; employment: Array<Record<string, unknown>>; education: Array<Record<string, unknown>>; skills: Array<{ skill_name: string; skill_type: string }>; summary: string | null };
  provider: string;
  prompt_version: string;
  document_type: string;
  extracted_with: string;
  cv_file_path: string;
  unchanged: boolean;
  imported: { profile_fields_updated: number; employment_added: number; education_added: number; skills_added: number };
}

const db = openDatabase();
afterAll(() => db.close());

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const profileOf = (userId: string) => db.prepare('select * from candidate_profiles where user_id = ?').get(userId) as Record<string, unknown> | undefined;
const rowsOf = (table: string, userId: string) => db.prepare(`select * from ${table} where user_id = ? order by created_at, rowid`).all(userId) as Array<Record<string, unknown>>;
const auditOf = (userId: string) => db.prepare(`select * from audit_log where user_id = ? and action = 'resume_parsed' order by created_at`).all(userId) as Array<Record<string, unknown>>;

async function candidate() {
  const token = await tokenFor(uniqueEmail('resume'));
  return { token, userId: await newUser(token) };
}

describe('POST /api/parse-resume: upload, parse and import (offline provider)', () => {
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await resumePdf();
  });

  it('parses a PDF sent as multipart/form-data into the original ParsedResume shape', async () => {
    const { token, userId } = await candidate();
    const response = await postResume<ParseResponse>(token, { file: pdf, filename: 'Olivia Nguyen CV.pdf', contentType: 'application/pdf' });
    expect(response.status).toBe(200);
    const body = response.body;
    expect(body).toMatchObject({ success: true, provider: 'offline', prompt_version: 'parse-resume/v1', document_type: 'pdf', extracted_with: 'offline', unchanged: false });
    expect(body.data.personal).toEqual(EXPECTED.personal);
    expect(body.data.employment).toEqual(EXPECTED.employment.map((job) => expect.objectContaining(job)));
    expect(body.data.employment[0]?.description).toMatch(/^Led the migration of the billing platform/);
    expect(body.data.education).toEqual(EXPECTED.education);
    expect(body.data.skills.map((s) => s.skill_name)).toEqual(EXPECTED.skills);
    expect(body.data.skills.find((s) => s.skill_name === 'Leadership')?.skill_type).toBe('soft');
    expect(body.data.skills.find((s) => s.skill_name === 'Kubernetes')?.skill_type).toBe('hard');
    expect(body.data.summary).toMatch(/^Software engineer with nine years/);
    expect(body.imported).toEqual({ profile_fields_updated: 10, employment_added: 3, education_added: 1, skills_added: 10 });
    // The stored name is the server's, under the caller's id; the client's file name is not used.
    expect(body.cv_file_path).toMatch(new RegExp(`^${userId}/cv-[0-9a-f]{24}\\.pdf$`));
    expect(response.headers.get('etag')).toBe('"1"');
  });

  it('writes the profile, jobs, education and skills, stores the file privately, and audits counts only', async () => {
    const { token, userId } = await candidate();
    const response = await postResume<ParseResponse>(token, { file: pdf });
    expect(response.status).toBe(200);

    const profile = profileOf(userId);
    expect(profile).toMatchObject({
      first_name: 'Olivia', last_name: 'Nguyen', email: 'olivia.nguyen@example.com', phone: '0412 345 678', suburb: 'Sydney',
      state: 'NSW', postcode: '2000', country: 'Australia', linkedin_url: 'https://linkedin.com/in/olivia-nguyen-dev',
      portfolio_url: 'https://olivia.dev', cv_file_path: response.body.cv_file_path, cv_content_hash: sha256(pdf), manual_fields: '[]', version: 1,
    });
    expect(profile?.cv_uploaded_at).toEqual(expect.any(String));
    expect(profile?.cv_parsed_at).toEqual(expect.any(String));

    const jobs = rowsOf('employment_history', userId);
    expect(jobs.map((j) => [j.job_title, j.company_name, j.start_date, j.end_date, j.is_current, j.source])).toEqual([
      ['Senior Software Engineer', 'Atlassian', '2020-03-01', null, 1, 'resume'],
      ['Software Engineer', 'Canva', '2017-02-01', '2020-02-01', 0, 'resume'],
      ['Graduate Developer', 'Commonwealth Bank', '2015-01-01', '2017-01-01', 0, 'resume'],
    ]);
    expect(rowsOf('education', userId)).toEqual([
      expect.objectContaining({ institution: 'University of New South Wales', degree: 'Bachelor of Computer Science (Honours)', field_of_study: 'Computer Science', source: 'resume' }),
    ]);
    const skills = rowsOf('candidate_skills', userId);
    expect(skills.map((s) => s.skill_name)).toEqual(EXPECTED.skills);
    expect(new Set(skills.map((s) => s.source))).toEqual(new Set(['resume']));

    const stored = await cvContainer().getBlobClient(response.body.cv_file_path).downloadToBuffer();
    expect(sha256(stored)).toBe(sha256(pdf));
    expect(await blobNamesOf(userId)).toEqual([response.body.cv_file_path]);
    // Private container: no anonymous read.
    expect([403, 404]).toContain((await fetch(cvContainer().getBlobClient(response.body.cv_file_path).url)).status);

    const audit = auditOf(userId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity_type: 'candidate_profile', entity_id: profile?.id, organisation_id: null, old_values: null });
    expect(JSON.parse(String(audit[0]?.new_values))).toEqual({ profile_fields_updated: 10, employment_added: 3, education_added: 1, skills_added: 10 });
    expect(JSON.stringify(audit[0])).not.toMatch(/Olivia|Nguyen|olivia|0412|Atlassian|Sydney|linkedin/);
  });

  it('reads a Word document sent as a raw body, whatever its claimed content type', async () => {
    const { token, userId } = await candidate();
    const response = await postResume<ParseResponse>(token, { raw: resumeDocx(), contentType: 'application/octet-stream' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ document_type: 'docx', cv_file_path: expect.stringMatching(/\.docx$/) });
    expect(response.body.data.personal).toEqual(EXPECTED.personal);
    expect(response.body.data.employment).toEqual(EXPECTED.employment.map((job) => expect.objectContaining(job)));
    expect(response.body.data.education).toEqual(EXPECTED.education);
    expect(rowsOf('employment_history', userId)).toHaveLength(3);
  });

  it('judges the type from the bytes: a text file labelled application/pdf is read as text', async () => {
    const { token } = await candidate();
    const response = await postResume<ParseResponse>(token, { raw: Buffer.from(resumeText()), contentType: 'application/pdf' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ document_type: 'text', cv_file_path: expect.stringMatching(/\.txt$/) });
    expect(response.body.data.personal).toEqual(EXPECTED.personal);
  });

  it('changes nothing when the same file is parsed again, uploaded or by its stored path', async () => {
    const { token, userId } = await candidate();
    const first = await postResume<ParseResponse>(token, { file: pdf });
    expect(first.status).toBe(200);
    const before = { profile: profileOf(userId), jobs: rowsOf('employment_history', userId), skills: rowsOf('candidate_skills', userId) };

    const again = await postResume<ParseResponse>(token, { raw: pdf, contentType: 'application/pdf' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ unchanged: true, cv_file_path: first.body.cv_file_path, imported: { profile_fields_updated: 0, employment_added: 0, education_added: 0, skills_added: 0 } });
    expect(again.body.data).toEqual(first.body.data);
    expect(again.headers.get('etag')).toBe('"1"');

    const stored = await postResume<ParseResponse>(token, { json: { filePath: first.body.cv_file_path, userId } });
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ unchanged: true, cv_file_path: first.body.cv_file_path });

    expect(profileOf(userId)).toEqual(before.profile);
    expect(rowsOf('employment_history', userId)).toEqual(before.jobs);
    expect(rowsOf('candidate_skills', userId)).toEqual(before.skills);
    expect(auditOf(userId)).toHaveLength(1);
  });

  it('parses a stored file by path (the original contract) and imports it', async () => {
    const { token, userId } = await candidate();
    const first = await postResume<ParseResponse>(token, { file: pdf });
    // A candidate who deleted the imported rows and cleared the hash asks for the stored file to be parsed again.
    db.prepare('update candidate_profiles set cv_content_hash = null where user_id = ?').run(userId);
    db.prepare('delete from employment_history where user_id = ?').run(userId);
    const response = await postResume<ParseResponse>(token, { json: { filePath: first.body.cv_file_path } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ unchanged: false, cv_file_path: first.body.cv_file_path, imported: { employment_added: 3, education_added: 0, skills_added: 0, profile_fields_updated: 0 } });
    expect(response.headers.get('etag')).toBe('"2"');
    expect(await blobNamesOf(userId)).toEqual([first.body.cv_file_path]);
  });

  it('never overwrites what the candidate set by hand, and adds nothing twice', async () => {
    const { token, userId } = await candidate();
    const now = new Date().toISOString();
    db.prepare(
      `insert into candidate_profiles (id, user_id, first_name, phone, suburb, manual_fields, created_at, updated_at)
       values (?, ?, 'Liv', '0499 999 999', 'Newtown', '["first_name","phone"]', ?, ?)`,
    ).run(randomUUID(), userId, now, now);
    db.prepare(
      `insert into employment_history (id, user_id, job_title, company_name, start_date, is_current, description, source, created_at)
       values (?, ?, 'senior software engineer', 'ATLASSIAN', '2020-04-01', 1, 'Typed by hand.', 'manual', ?)`,
    ).run(randomUUID(), userId, now);
    db.prepare(`insert into education (id, user_id, institution, degree, source, created_at) values (?, ?, 'University of New South Wales', 'Bachelor of Computer Science (Honours)', 'manual', ?)`).run(randomUUID(), userId, now);
    db.prepare(`insert into candidate_skills (id, user_id, skill_name, skill_type, proficiency_level, source, created_at) values (?, ?, 'typescript', 'hard', 'expert', 'manual', ?)`).run(randomUUID(), userId, now);
    const manualRows = { jobs: rowsOf('employment_history', userId), education: rowsOf('education', userId), skills: rowsOf('candidate_skills', userId) };

    const response = await postResume<ParseResponse>(token, { file: pdf });
    expect(response.status).toBe(200);
    // first_name and phone are the candidate's; suburb was not set by hand, so the resume's value replaces it;
    // country already says Australia.
    expect(response.body.imported).toEqual({ profile_fields_updated: 7, employment_added: 2, education_added: 0, skills_added: 9 });
    expect(profileOf(userId)).toMatchObject({ first_name: 'Liv', phone: '0499 999 999', last_name: 'Nguyen', suburb: 'Sydney', email: 'olivia.nguyen@example.com', manual_fields: '["first_name","phone"]', version: 2 });
    expect(response.headers.get('etag')).toBe('"2"');
    const jobs = rowsOf('employment_history', userId);
    expect(jobs[0]).toEqual(manualRows.jobs[0]);
    expect(jobs.slice(1).map((j) => [j.company_name, j.source])).toEqual([['Canva', 'resume'], ['Commonwealth Bank', 'resume']]);
    expect(rowsOf('education', userId)).toEqual(manualRows.education);
    const skills = rowsOf('candidate_skills', userId);
    expect(skills[0]).toEqual(manualRows.skills[0]);
    expect(skills.map((s) => s.skill_name)).not.toContain('TypeScript');
  });

  it('replaces the stored file when a different resume is parsed, without duplicating rows', async () => {
    const { token, userId } = await candidate();
    const first = await postResume<ParseResponse>(token, { file: pdf });
    const second = await postResume<ParseResponse>(token, { file: resumeDocx(), filename: 'cv.docx' });
    expect(second.status).toBe(200);
    expect(second.body.cv_file_path).not.toBe(first.body.cv_file_path);
    expect(second.body.imported).toEqual({ profile_fields_updated: 0, employment_added: 0, education_added: 0, skills_added: 0 });
    expect(second.body.unchanged).toBe(false);
    expect(await blobNamesOf(userId)).toEqual([second.body.cv_file_path]);
    expect(profileOf(userId)).toMatchObject({ cv_file_path: second.body.cv_file_path, version: 2 });
    expect(rowsOf('employment_history', userId)).toHaveLength(3);
    expect(auditOf(userId)).toHaveLength(2);
  });

  it('meters the model call without an organisation', async () => {
    const { token } = await candidate();
    expect((await postResume(token, { raw: Buffer.from(resumeText()) })).status).toBe(200);
    const usage = db.prepare(`select * from ai_usage where task = 'parse-resume' order by created_at desc`).get() as Record<string, unknown>;
    expect(usage).toMatchObject({ organisation_id: null, provider: 'offline', prompt_version: 'parse-resume/v1', outcome: 'ok' });
  });
});

describe('POST /api/parse-resume: If-Match', () => {
  it('is optional; a stale one is 412 and writes nothing; of two parses on one version, one wins', async () => {
    const { token, userId } = await candidate();
    expect((await postResume(token, { raw: Buffer.from(resumeText()) })).status).toBe(200);
    const pdf = await resumePdf();

    const stale = await postResume(token, { file: pdf }, { headers: { 'if-match': '"7"' } });
    expect(stale.status).toBe(412);
    expect(profileOf(userId)).toMatchObject({ version: 1 });
    expect(await blobNamesOf(userId)).toHaveLength(1);

    expect((await postResume(token, { file: pdf }, { headers: { 'if-match': 'seven' } })).status).toBe(400);

    const results = await Promise.all([
      postResume<ParseResponse>(token, { file: pdf }, { headers: { 'if-match': '"1"' } }),
      postResume<ParseResponse>(token, { file: resumeDocx() }, { headers: { 'if-match': '"1"' } }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    expect(profileOf(userId)).toMatchObject({ version: 2 });
    const winner = results.find((r) => r.status === 200);
    expect(await blobNamesOf(userId)).toEqual([winner?.body.cv_file_path]);
  });

  it('is 412 when sent before any profile exists', async () => {
    const { token, userId } = await candidate();
    expect((await postResume(token, { raw: Buffer.from(resumeText()) }, { headers: { 'if-match': '"1"' } })).status).toBe(412);
    expect(profileOf(userId)).toBeUndefined();
  });
});
