import { api, createOrganisation, expectProblem } from '../support/api';
import { addMembership, applyTo, auditRowsFor, organisationWithAdmin, signIn, withDb } from './helpers';

interface Organisation {
  id: string;
  name: string;
  industry: string | null;
  values_framework: string[] | null;
  billing_email: string | null;
  recording_retention_days: number;
  updated_at: string;
  version: number;
}
type Body = { audience?: string; organisation: Organisation };

const PUBLIC_FIELDS = ['description', 'id', 'industry', 'logo_url', 'name', 'website'];

function patch(organisationId: string, token: string, json: unknown, ifMatch: string | null = '"1"') {
  return api<Body>(`/api/organisations/${organisationId}`, {
    method: 'PATCH',
    token,
    json,
    headers: ifMatch === null ? {} : { 'if-match': ifMatch },
  });
}

describe('GET /api/organisations/{organisationId}', () => {
  it('gives members the whole organisation with its version as the ETag', async () => {
    const { admin, organisationId } = await organisationWithAdmin();
    const viewer = await signIn('viewer');
    addMembership(organisationId, viewer.userId, 'viewer');
    for (const token of [admin.token, viewer.token]) {
      const response = await api<Body>(`/api/organisations/${organisationId}`, { token });
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe('"1"');
      expect(response.body.audience).toBe('staff');
      expect(response.body.organisation).toMatchObject({ id: organisationId, version: 1, recording_retention_days: 60, values_framework: null });
      expect(response.body.organisation).toHaveProperty('billing_email');
    }
  });

  it('gives a candidate who applied only the public profile, and no ETag', async () => {
    const { organisationId } = await organisationWithAdmin();
    const candidate = await signIn('applicant');
    applyTo(organisationId, candidate.userId);
    const response = await api<{ audience: string; organisation: Record<string, unknown> }>(`/api/organisations/${organisationId}`, { token: candidate.token });
    expect(response.status).toBe(200);
    expect(response.body.audience).toBe('candidate');
    expect(Object.keys(response.body.organisation).sort()).toEqual(PUBLIC_FIELDS);
    expect(response.headers.get('etag')).toBeNull();
  });

  it('answers 404 to anyone else, to other organisations and to ids that are not GUIDs', async () => {
    const { organisationId } = await organisationWithAdmin();
    const stranger = await signIn('stranger');
    await createOrganisation(stranger.token);
    expectProblem(await api(`/api/organisations/${organisationId}`, { token: stranger.token }), 404);
    expectProblem(await api('/api/organisations/not-a-guid', { token: stranger.token }), 404);
    expectProblem(await api(`/api/organisations/${organisationId}`), 401);
  });

  it('reads a values framework stored in the original {values: [...]} form as the list', async () => {
    const { admin, organisationId } = await organisationWithAdmin();
    withDb((db) =>
      db.prepare('update organisations set values_framework = ? where id = ?').run(JSON.stringify({ values: ['Courage', 'Care'] }), organisationId),
    );
    const response = await api<Body>(`/api/organisations/${organisationId}`, { token: admin.token });
    expect(response.body.organisation.values_framework).toEqual(['Courage', 'Care']);
  });
});

describe('PATCH /api/organisations/{organisationId}', () => {
  it('changes the settings, bumps the version and audits the change without personal data', async () => {
    const { admin, organisationId } = await organisationWithAdmin();
    const before = await api<Body>(`/api/organisations/${organisationId}`, { token: admin.token });
    const response = await patch(organisationId, admin.token, {
      industry: 'Mining',
      website: 'https://mine.example.au',
      values_framework: { values: [' Integrity ', 'Safety'] },
      billing_email: 'accounts.person@mine.example.au',
      billing_address: '1 George St, Sydney NSW 2000',
      recording_retention_days: 30,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"2"');
    expect(response.body.organisation).toMatchObject({
      industry: 'Mining',
      values_framework: ['Integrity', 'Safety'],
      billing_email: 'accounts.person@mine.example.au',
      recording_retention_days: 30,
      version: 2,
    });
    expect(response.body.organisation.updated_at > before.body.organisation.updated_at).toBe(true);
    const stored = withDb((db) => db.prepare('select values_framework from organisations where id = ?').get(organisationId)) as { values_framework: string };
    expect(JSON.parse(stored.values_framework)).toEqual(['Integrity', 'Safety']);

    const audit = auditRowsFor(organisationId).filter((row) => row.action === 'organisation_updated');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ user_id: admin.userId, organisation_id: organisationId, entity_type: 'organisation' });
    const newValues = JSON.parse(audit[0]?.new_values ?? '{}');
    expect(newValues).toMatchObject({ industry: 'Mining', recording_retention_days: 30, billing_email: '(changed)', billing_address: '(changed)' });
    expect(JSON.parse(audit[0]?.old_values ?? '{}')).toMatchObject({ industry: null, recording_retention_days: 60 });
    expect(JSON.stringify(audit)).not.toMatch(/accounts\.person|George St/);
  });

  it('clears a field with null and leaves fields not sent as they were', async () => {
    const { admin, organisationId } = await organisationWithAdmin();
    await patch(organisationId, admin.token, { industry: 'Retail', description: 'Shops' });
    const response = await patch(organisationId, admin.token, { industry: null }, '"2"');
    expect(response.status).toBe(200);
    expect(response.body.organisation).toMatchObject({ industry: null, description: 'Shops' });
  });

  it('requires If-Match (428) and refuses a stale one (412)', async () => {
    const { admin, organisationId } = await organisationWithAdmin();
    expectProblem(await patch(organisationId, admin.token, { industry: 'A' }, null), 428);
    expect((await patch(organisationId, admin.token, { industry: 'A' })).status).toBe(200);
    expectProblem(await patch(organisationId, admin.token, { industry: 'B' }), 412);
    expectProblem(await patch(organisationId, admin.token, { industry: 'B' }, 'garbage'), 400);
  });

  it('lets exactly one of two concurrent updates from the same version win', async () => {
    const { admin, organisationId } = await organisationWithAdmin();
    const responses = await Promise.all([
      patch(organisationId, admin.token, { industry: 'First' }),
      patch(organisationId, admin.token, { industry: 'Second' }),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 412]);
    expect(auditRowsFor(organisationId).filter((r) => r.action === 'organisation_updated')).toHaveLength(1);
  });

  it.each([
    ['retention under 30 days', { recording_retention_days: 29 }, 'recording_retention_days'],
    ['retention over 365 days', { recording_retention_days: 366 }, 'recording_retention_days'],
    ['fractional retention', { recording_retention_days: 45.5 }, 'recording_retention_days'],
    ['21 values', { values_framework: Array.from({ length: 21 }, (_, i) => `Value ${i}`) }, 'values_framework'],
    ['a value too long', { values_framework: ['x'.repeat(101)] }, 'values_framework.0'],
    ['a bad logo URL', { logo_url: 'ftp://logo.example/x.png' }, 'logo_url'],
    ['a blank name', { name: '  ' }, 'name'],
    ['an unknown field', { created_by: '00000000-0000-4000-8000-000000000000' }, '(root)'],
    ['nothing to change', {}, '(root)'],
  ])('answers 400 for %s', async (_case, body, path) => {
    const { admin, organisationId } = await organisationWithAdmin();
    const problem = expectProblem(await patch(organisationId, admin.token, body), 400);
    expect((problem.errors as Array<{ path: string }>).map((e) => e.path)).toContain(path);
    const version = withDb((db) => db.prepare('select version from organisations where id = ?').get(organisationId)) as { version: number };
    expect(version.version).toBe(1);
  });

  it('is for admins: other members get 403, other organisations 404', async () => {
    const { organisationId } = await organisationWithAdmin();
    const recruiter = await signIn('recruiter');
    addMembership(organisationId, recruiter.userId, 'recruiter');
    expectProblem(await patch(organisationId, recruiter.token, { industry: 'X' }), 403);
    const other = await organisationWithAdmin();
    expectProblem(await patch(organisationId, other.admin.token, { industry: 'X' }), 404);
    const applicant = await signIn('applicant');
    applyTo(organisationId, applicant.userId);
    expectProblem(await patch(organisationId, applicant.token, { industry: 'X' }), 404);
  });

  it("refuses a rename to another of the creator's organisation names with 409", async () => {
    const { admin, organisationId } = await organisationWithAdmin();
    const taken = await createOrganisation(admin.token);
    const problem = expectProblem(await patch(organisationId, admin.token, { name: taken.name.toUpperCase() }), 409);
    expect(problem.detail).toMatch(/already has an organisation/);
  });
});
