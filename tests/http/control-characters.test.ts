import { randomUUID } from 'node:crypto';
import { api, createOrganisation, expectProblem, openDatabase, tokenFor, uniqueEmail } from '../support/api';

/** A name no other test uses, so a count of rows that contain it counts only this test's rows. */
const uniqueName = () => `Ctl${randomUUID().slice(0, 8)}`;

// NUL, a bell, an escape sequence, DEL and a C1 control (NEL): each refused wherever free text is stored.
const CONTROLS = ['\u0000', '\u0007', '\u001b[31m', '\u007f', '\u0085'];

describe('control characters in text fields', () => {
  const db = openDatabase();
  afterAll(() => db.close());
  const count = (sql: string, name: string) => (db.prepare(sql).get(`%${name}%`) as { n: number }).n;

  it('refuses them (and line breaks) in one-line fields with a 400 problem, and stores nothing', async () => {
    const token = await tokenFor(uniqueEmail('ctl'));
    const organisation = await createOrganisation(token);
    for (const control of [...CONTROLS, '\n', '\r']) {
      const name = uniqueName();
      expectProblem(await api('/api/create-organisation', { method: 'POST', token, json: { name: `${name}${control}Ltd` } }), 400);
      expect(count('select count(*) as n from organisations where name like ?', name)).toBe(0);

      const role = await api(`/api/organisations/${organisation.id}/job-roles`, { method: 'POST', token, json: { title: `${name}${control}` } });
      expect(expectProblem(role, 400).errors).toEqual([expect.objectContaining({ path: 'title' })]);
      expect(count('select count(*) as n from job_roles where title like ?', name)).toBe(0);

      expectProblem(await api('/api/candidate/profile', { method: 'PUT', token, json: { first_name: `${name}${control}` } }), 400);
      expect(count('select count(*) as n from candidate_profiles where first_name like ?', name)).toBe(0);

      expectProblem(await api('/api/candidate/skills', { method: 'POST', token, json: { skill_name: `${control}${name}` } }), 400);
      expect(count('select count(*) as n from candidate_skills where skill_name like ?', name)).toBe(0);

      expectProblem(await api(`/api/organisations/${organisation.id}`, { method: 'PATCH', token, json: { website: `https://example.com/${name}${control}` }, headers: { 'if-match': '"1"' } }), 400);
      expect(count('select count(*) as n from organisations where website like ?', name)).toBe(0);
    }
  });

  it('takes line breaks and tabs in text of several lines, and refuses the other controls there', async () => {
    const token = await tokenFor(uniqueEmail('ctl'));
    const organisation = await createOrganisation(token);
    for (const control of CONTROLS) {
      const name = uniqueName();
      const refused = await api(`/api/organisations/${organisation.id}/job-roles`, { method: 'POST', token, json: { title: name, description: `Line one${control}\n${name}` } });
      expect(expectProblem(refused, 400).errors).toEqual([expect.objectContaining({ path: 'description' })]);
      expect(count('select count(*) as n from job_roles where title like ?', name)).toBe(0);

      const job = { job_title: 'Engineer', company_name: name, start_date: '2020-01-01', description: `Built APIs${control}` };
      expectProblem(await api('/api/candidate/employment', { method: 'POST', token, json: job }), 400);
      expect(count('select count(*) as n from employment_history where company_name like ?', name)).toBe(0);
    }

    const name = uniqueName();
    const description = `We hire engineers.\r\n\n\t- Build APIs\n\t- Review code ${name}`;
    const created = await api<{ job_role: { description: string } }>(`/api/organisations/${organisation.id}/job-roles`, { method: 'POST', token, json: { title: name, description } });
    expect(created.status).toBe(201);
    expect(created.body.job_role.description).toBe(description);
  });
});
