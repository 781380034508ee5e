import { api, expectProblem, openDatabase } from '../support/api';
import { auditRows, newCandidate, PROFILE, signIn } from './world';

interface Profile {
  id: string;
  user_id: string;
  first_name: string | null;
  email: string | null;
  country: string | null;
  work_mode: string | null;
  gpa_wam: number | null;
  state: string | null;
  profile_visibility: string;
  visibility_settings: Record<string, boolean>;
  manual_fields: string[];
  cv_file_path: string | null;
  version: number;
}

const db = openDatabase();
afterAll(() => db.close());

const profileOf = (token: string) =>
  api<{ profile: Profile; employment: unknown[]; education: unknown[]; skills: unknown[] }>('/api/candidate/profile', { token });

describe('PUT /api/candidate/profile (first time)', () => {
  it('creates the profile with defaults, an ETag and an audit row free of personal data', async () => {
    const { token, userId } = await signIn();
    expectProblem(await profileOf(token), 404);

    const response = await api<{ profile: Profile }>('/api/candidate/profile', { method: 'PUT', token, json: PROFILE });
    expect(response.status).toBe(201);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.body.profile).toMatchObject({
      ...PROFILE,
      user_id: userId,
      country: 'Australia',
      profile_visibility: 'visible',
      visibility_settings: { name: true, location: true, education: true, employment: true, skills: true, portfolio: true, linkedin: true, email: false, phone: false },
      cv_file_path: null,
      cv_uploaded_at: null,
      version: 1,
    });
    expect(response.body.profile.manual_fields).toEqual(expect.arrayContaining(['first_name', 'email', 'gpa_wam']));

    const [audit] = auditRows(db, userId, 'candidate_profile_created');
    expect(audit).toMatchObject({ entity_type: 'candidate_profile', entity_id: response.body.profile.id, organisation_id: null });
    const values = JSON.parse(audit?.new_values ?? '{}') as Record<string, unknown>;
    expect(values).toMatchObject({ first_name: '(changed)', email: '(changed)', phone: '(changed)', work_mode: 'hybrid' });
    for (const personal of [PROFILE.first_name, PROFILE.last_name, PROFILE.email, PROFILE.phone, PROFILE.suburb, PROFILE.linkedin_url]) {
      expect(audit?.new_values).not.toContain(personal);
    }
  });

  it('returns the profile with empty lists on GET, with the same ETag', async () => {
    const candidate = await newCandidate();
    const response = await profileOf(candidate.token);
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(candidate.etag);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.body).toMatchObject({ profile: { first_name: 'Mia' }, employment: [], education: [], skills: [] });
    expect(response.text).not.toMatch(/"gender"|"ethnicity"/);
  });

  it('creates one profile from two concurrent first PUTs; the other is refused', async () => {
    const { token, userId } = await signIn();
    const responses = await Promise.all([1, 2].map(() => api('/api/candidate/profile', { method: 'PUT', token, json: PROFILE })));
    const [first, second] = responses.map((r) => r.status).sort();
    expect(first).toBe(201);
    // 428 when the second saw the first's profile (it now needs If-Match), 412 when both started before either wrote.
    expect([412, 428]).toContain(second);
    expect((db.prepare('select count(*) as n from candidate_profiles where user_id = ?').get(userId) as { n: number }).n).toBe(1);
  });

  it('answers 412 to a PUT with If-Match when there is no profile to replace', async () => {
    const { token } = await signIn();
    expectProblem(await api('/api/candidate/profile', { method: 'PUT', token, json: PROFILE, headers: { 'if-match': '"1"' } }), 412);
  });

  it('refuses anonymous callers', async () => {
    expectProblem(await api('/api/candidate/profile', { method: 'PUT', json: PROFILE }), 401);
    expectProblem(await api('/api/candidate/profile'), 401);
  });
});

describe('PUT /api/candidate/profile (replace)', () => {
  it('needs If-Match once the profile exists (428) and refuses a stale one (412)', async () => {
    const candidate = await newCandidate();
    expectProblem(await api('/api/candidate/profile', { method: 'PUT', token: candidate.token, json: PROFILE }), 428);
    expectProblem(await api('/api/candidate/profile', { method: 'PUT', token: candidate.token, json: PROFILE, headers: { 'if-match': '"7"' } }), 412);
  });

  it('replaces the whole profile: fields left out are cleared or defaulted', async () => {
    const candidate = await newCandidate({ ...PROFILE, country: 'New Zealand', visibility_settings: { email: true } });
    const response = await api<{ profile: Profile }>('/api/candidate/profile', {
      method: 'PUT',
      token: candidate.token,
      json: { first_name: 'Mia', work_mode: 'remote' },
      headers: { 'if-match': candidate.etag },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"2"');
    expect(response.body.profile).toMatchObject({ first_name: 'Mia', work_mode: 'remote', email: null, gpa_wam: null, country: 'Australia', version: 2 });
    expect(response.body.profile.visibility_settings.email).toBe(false);
  });
});

describe('PATCH /api/candidate/profile', () => {
  it('changes only the fields sent, merges visibility settings and audits personal fields as "(changed)"', async () => {
    const candidate = await newCandidate();
    const response = await api<{ profile: Profile }>('/api/candidate/profile', {
      method: 'PATCH',
      token: candidate.token,
      json: { first_name: 'Amelia', work_mode: 'onsite', state: null, visibility_settings: { phone: true } },
      headers: { 'if-match': candidate.etag },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"2"');
    expect(response.body.profile).toMatchObject({ first_name: 'Amelia', work_mode: 'onsite', state: null, email: PROFILE.email, gpa_wam: 78.5 });
    expect(response.body.profile.visibility_settings).toMatchObject({ phone: true, email: false, name: true });

    const [audit] = auditRows(db, candidate.userId, 'candidate_profile_updated');
    expect(JSON.parse(audit?.old_values ?? '{}')).toEqual({
      first_name: '(changed)', state: '(changed)', work_mode: 'hybrid',
      visibility_settings: expect.objectContaining({ phone: false }),
    });
    expect(JSON.parse(audit?.new_values ?? '{}')).toEqual({
      first_name: '(changed)', state: '(changed)', work_mode: 'onsite',
      visibility_settings: expect.objectContaining({ phone: true }),
    });
    expect(`${audit?.old_values}${audit?.new_values}`).not.toMatch(/Amelia|Mia|VIC/);
  });

  it('writes nothing when nothing changes (same version, no audit row)', async () => {
    const candidate = await newCandidate();
    const response = await api('/api/candidate/profile', { method: 'PATCH', token: candidate.token, json: { first_name: 'Mia' }, headers: { 'if-match': candidate.etag } });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(candidate.etag);
    expect(auditRows(db, candidate.userId, 'candidate_profile_updated')).toHaveLength(0);
  });

  it('lets one of two updates based on the same version win; the other gets 412', async () => {
    const candidate = await newCandidate();
    const responses = await Promise.all(
      ['Ava', 'Isla'].map((first_name) =>
        api('/api/candidate/profile', { method: 'PATCH', token: candidate.token, json: { first_name }, headers: { 'if-match': candidate.etag } }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, 412]);
    expect((await profileOf(candidate.token)).body.profile.version).toBe(2);
  });

  it('needs If-Match (428), refuses a malformed one (400) and answers 404 without a profile', async () => {
    const candidate = await newCandidate();
    expectProblem(await api('/api/candidate/profile', { method: 'PATCH', token: candidate.token, json: { first_name: 'X' } }), 428);
    expectProblem(await api('/api/candidate/profile', { method: 'PATCH', token: candidate.token, json: { first_name: 'X' }, headers: { 'if-match': 'yesterday' } }), 400);
    const { token } = await signIn();
    expectProblem(await api('/api/candidate/profile', { method: 'PATCH', token, json: { first_name: 'X' }, headers: { 'if-match': '"1"' } }), 404);
  });

  it('remembers the fields the candidate set by hand, so a resume parse leaves them alone', async () => {
    const candidate = await newCandidate({ first_name: 'Mia' });
    const response = await api<{ profile: Profile }>('/api/candidate/profile', {
      method: 'PATCH',
      token: candidate.token,
      json: { suburb: 'Carlton', profile_visibility: 'hidden' },
      headers: { 'if-match': candidate.etag },
    });
    expect(response.body.profile.manual_fields).toEqual(['first_name', 'suburb']);
  });

  it.each([
    ['a three-digit postcode', { postcode: '200' }, 'postcode'],
    ['a state that is not Australian', { state: 'CA' }, 'state'],
    ['a phone number with letters', { phone: '0412 ABC 678' }, 'phone'],
    ['a phone number too short', { phone: '1234' }, 'phone'],
    ['a WAM over 100', { gpa_wam: 101 }, 'gpa_wam'],
    ['a GPA with three decimals', { gpa_wam: 6.125 }, 'gpa_wam'],
    ['a plain-http LinkedIn address', { linkedin_url: 'http://linkedin.com/in/x' }, 'linkedin_url'],
    ['a script portfolio address', { portfolio_url: 'javascript:alert(1)' }, 'portfolio_url'],
    ['an unknown work mode', { work_mode: 'office' }, 'work_mode'],
    ['an unknown visibility', { profile_visibility: 'public' }, 'profile_visibility'],
    ['an unknown visibility section', { visibility_settings: { dei: true } }, 'visibility_settings'],
    ['a non-boolean visibility flag', { visibility_settings: { email: 'yes' } }, 'visibility_settings.email'],
    ['a bad email', { email: 'not-an-email' }, 'email'],
    ['a name too long', { first_name: 'x'.repeat(101) }, 'first_name'],
    ['the read-only CV path', { cv_file_path: 'someone-else/cv.pdf' }, '(root)'],
  ])('answers 400 naming the field for %s', async (_case, body, path) => {
    const candidate = await newCandidate();
    const response = await api('/api/candidate/profile', { method: 'PATCH', token: candidate.token, json: body, headers: { 'if-match': candidate.etag } });
    const problem = expectProblem(response, 400);
    expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    expect((await profileOf(candidate.token)).body.profile.version).toBe(1);
  });

  it('accepts the Australian ways of writing a phone number and GPA or WAM values', async () => {
    const candidate = await newCandidate();
    const response = await api<{ profile: Profile }>('/api/candidate/profile', {
      method: 'PATCH',
      token: candidate.token,
      json: { phone: '+61 (2) 9876-5432', gpa_wam: 6.25, state: 'ACT', postcode: '2600' },
      headers: { 'if-match': candidate.etag },
    });
    expect(response.status).toBe(200);
    expect(response.body.profile).toMatchObject({ phone: '+61 (2) 9876-5432', gpa_wam: 6.25, state: 'ACT' });
  });
});
