import { randomUUID } from 'node:crypto';
import { buildFixture, type Fixture } from '../matrix/fixture';
import { api, createOrganisation, expectProblem } from '../support/api';
import { apply, auditRows, newCandidate, PROFILE, type Candidate } from './world';

let fx: Fixture;
beforeAll(async () => {
  fx = await buildFixture();
}, 60_000);
afterAll(() => fx.db.close());

/** A candidate with a full profile, one entry in each list and DEI answers, who applied to role A. */
async function applicant(): Promise<Candidate> {
  const candidate = await newCandidate();
  const post = (path: string, json: unknown) => api(path, { method: 'POST', token: candidate.token, json });
  await post('/api/candidate/employment', { job_title: 'Engineer', company_name: 'Atlassian', start_date: '2020-01-01', is_current: true });
  await post('/api/candidate/education', { institution: 'Monash University', degree: 'BCompSci' });
  await post('/api/candidate/skills', { skill_name: 'Kotlin', skill_type: 'hard' });
  await api('/api/candidate/dei', { method: 'PUT', token: candidate.token, json: { gender: 'woman', ethnicity: 'Vietnamese' } });
  apply(fx.db, candidate.userId, fx.roleA);
  return candidate;
}

const view = (candidateId: string, token: string | undefined, organisationId = fx.orgA) =>
  api<Record<string, unknown>>(`/api/candidates/${candidateId}/profile?organisationId=${organisationId}`, { token });

async function setVisibility(candidate: Candidate, json: Record<string, unknown>): Promise<void> {
  const current = await api('/api/candidate/profile', { token: candidate.token });
  const response = await api('/api/candidate/profile', { method: 'PATCH', token: candidate.token, json, headers: { 'if-match': current.headers.get('etag') ?? '' } });
  if (response.status !== 200) throw new Error(`PATCH failed: ${response.status} ${response.text}`);
}

const NEVER_SHOWN = ['visibility_settings', 'profile_visibility', 'manual_fields', 'cv_file_path', 'version', 'gender', 'ethnicity', 'user_id', 'source'];

describe('GET /api/candidates/{candidateId}/profile', () => {
  it('shows staff the sections visible by default; email and phone are absent, not null', async () => {
    const candidate = await applicant();
    const response = await view(candidate.userId, fx.tokens.viewer);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = response.body;
    expect(body).toMatchObject({
      candidate_id: candidate.userId,
      first_name: PROFILE.first_name,
      last_name: PROFILE.last_name,
      suburb: PROFILE.suburb,
      state: PROFILE.state,
      postcode: PROFILE.postcode,
      country: 'Australia',
      linkedin_url: PROFILE.linkedin_url,
      portfolio_url: PROFILE.portfolio_url,
      gpa_wam: PROFILE.gpa_wam,
      work_mode: 'hybrid',
      employment: [expect.objectContaining({ company_name: 'Atlassian', is_current: true })],
      education: [expect.objectContaining({ institution: 'Monash University' })],
      skills: [expect.objectContaining({ skill_name: 'Kotlin' })],
    });
    expect(Object.keys(body)).not.toContain('email');
    expect(Object.keys(body)).not.toContain('phone');
    for (const field of NEVER_SHOWN) expect(response.text).not.toContain(`"${field}":`);
    expect(response.text).not.toMatch(/woman|Vietnamese|mia\.nguyen@|0412 345 678/);
  });

  it('applies the candidate\'s settings: hidden sections disappear, shown ones appear', async () => {
    const candidate = await applicant();
    await setVisibility(candidate, { visibility_settings: { name: false, employment: false, education: false, email: true, linkedin: false } });
    const response = await view(candidate.userId, fx.tokens.recruiter);
    expect(response.status).toBe(200);
    const keys = Object.keys(response.body);
    for (const hidden of ['first_name', 'last_name', 'employment', 'education', 'gpa_wam', 'linkedin_url', 'phone']) expect(keys).not.toContain(hidden);
    expect(response.body).toMatchObject({ email: PROFILE.email, suburb: PROFILE.suburb, portfolio_url: PROFILE.portfolio_url, skills: [expect.anything()] });
    expect(response.text).not.toMatch(/Nguyen|Atlassian|Monash|linkedin/);
  });

  it('shows a null field as null when its section is visible', async () => {
    const candidate = await applicant();
    await setVisibility(candidate, { portfolio_url: null });
    const response = await view(candidate.userId, fx.tokens.admin);
    expect(response.body.portfolio_url).toBeNull();
  });

  it.each(['hidden', 'deactivated'])('answers 404 for a %s profile, and 200 again once visible', async (visibility) => {
    const candidate = await applicant();
    await setVisibility(candidate, { profile_visibility: visibility });
    expectProblem(await view(candidate.userId, fx.tokens.admin), 404);
    await setVisibility(candidate, { profile_visibility: 'visible' });
    expect((await view(candidate.userId, fx.tokens.admin)).status).toBe(200);
  });

  it('lets every role of the organisation read it and audits each read with the organisation, without personal data', async () => {
    const candidate = await applicant();
    for (const persona of ['viewer', 'hiringManager', 'recruiter', 'admin'] as const) {
      expect((await view(candidate.userId, fx.tokens[persona])).status).toBe(200);
    }
    const [audit] = auditRows(fx.db, fx.userIds.hiringManager, 'candidate_profile_viewed').filter((row) =>
      (fx.db.prepare('select user_id from candidate_profiles where id = ?').get(row.entity_id) as { user_id: string }).user_id === candidate.userId,
    );
    expect(audit).toMatchObject({ organisation_id: fx.orgA, entity_type: 'candidate_profile' });
    expect(JSON.parse(audit?.new_values ?? '{}')).toEqual({ sections: ['name', 'location', 'education', 'employment', 'skills', 'portfolio', 'linkedin'] });
    expect(audit?.new_values).not.toMatch(/Mia|Fitzroy/);
  });

  it('answers 404 to anyone outside the organisations the candidate applied to', async () => {
    const candidate = await applicant();
    // another organisation's admin, asking for their own organisation and for A
    expectProblem(await view(candidate.userId, fx.tokens.otherOrgAdmin, fx.orgB), 404);
    expectProblem(await view(candidate.userId, fx.tokens.otherOrgAdmin, fx.orgA), 404);
    // the candidate themself and another candidate
    expectProblem(await view(candidate.userId, candidate.token), 404);
    expectProblem(await view(candidate.userId, fx.tokens.otherCandidate), 404);
    // staff of A asking for a candidate who applied only to B, or for nobody
    expectProblem(await view(fx.userIds.otherCandidate, fx.tokens.admin), 404);
    expectProblem(await view(randomUUID(), fx.tokens.admin), 404);
    expectProblem(await view(candidate.userId, undefined), 401);
  });

  it('answers 404 to the admin of an organisation the candidate did not apply to, even with a role of its own', async () => {
    const candidate = await applicant();
    const org = await createOrganisation(fx.tokens.otherOrgAdmin as string);
    expectProblem(await view(candidate.userId, fx.tokens.otherOrgAdmin, org.id), 404);
  });

  it('needs a valid organisationId', async () => {
    const candidate = await applicant();
    expect(expectProblem(await api(`/api/candidates/${candidate.userId}/profile`, { token: fx.tokens.admin }), 400).errors).toEqual([
      expect.objectContaining({ path: 'organisationId' }),
    ]);
    expectProblem(await view(candidate.userId, fx.tokens.admin, 'acme'), 400);
  });
});
