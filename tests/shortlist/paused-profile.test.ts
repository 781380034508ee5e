import { api, expectProblem } from '../support/api';
import { buildFixture, type Fixture } from '../matrix/fixture';
import { signIn } from '../organisations/helpers';
import { generate, insertApplicant, insertRole, insertRow, readStored } from './world';

let fx: Fixture;
beforeAll(async () => {
  fx = await buildFixture();
}, 60_000);
afterAll(() => fx.db.close());

interface ProfileBody {
  profile: { paused_at: string | null; version: number };
}

function pause(token: string, paused: unknown) {
  return api<ProfileBody>('/api/candidate/profile/pause', { method: 'PUT', token, json: { paused } });
}

describe('PUT /api/candidate/profile/pause', () => {
  it('a paused candidate is left out of shortlists (generated and stored) until they resume; audited, idempotent', async () => {
    const candidate = await signIn('pausing');
    expect((await api('/api/candidate/profile', { method: 'PUT', token: candidate.token, json: { first_name: 'Perpetua', work_mode: 'remote' } })).status).toBe(201);
    const roleId = insertRole(fx.db, fx.orgA);
    const own = insertRow(fx.db, 'applications', { candidate_id: candidate.userId, job_role_id: roleId, status: 'applied', created_at: new Date().toISOString(), updated_at: new Date().toISOString() });
    const other = insertApplicant(fx.db, roleId, { skills: ['SQL'] });

    const before = await generate(fx.tokens.recruiter, roleId);
    expect(before.body.matches.map((m) => m.applicationId).sort()).toEqual([own, other.applicationId].sort());

    const paused = await pause(candidate.token, true);
    expect(paused.status).toBe(200);
    expect(paused.body.profile.paused_at).toEqual(expect.any(String));
    expect(paused.headers.get('etag')).toBe(`"${paused.body.profile.version}"`);
    const again = await pause(candidate.token, true);
    expect(again.body.profile).toEqual(paused.body.profile);

    expect((await readStored(fx.tokens.recruiter, roleId)).body.matches.map((m) => m.applicationId)).toEqual([other.applicationId]);
    expect((await generate(fx.tokens.recruiter, roleId)).body.matches.map((m) => m.applicationId)).toEqual([other.applicationId]);

    const resumed = await pause(candidate.token, false);
    expect(resumed.body.profile).toMatchObject({ paused_at: null, version: paused.body.profile.version + 1 });
    expect((await generate(fx.tokens.recruiter, roleId)).body.matches.map((m) => m.applicationId).sort()).toEqual([own, other.applicationId].sort());

    const audit = fx.db.prepare(`select action from audit_log where user_id = ? and action like 'candidate_profile_%' order by created_at, rowid`).all(candidate.userId);
    expect(audit).toEqual([{ action: 'candidate_profile_created' }, { action: 'candidate_profile_paused' }, { action: 'candidate_profile_resumed' }]);
  });

  it('answers 404 without a profile, 400 for anything but a boolean, 401 anonymous', async () => {
    const candidate = await signIn('no-profile');
    expectProblem(await pause(candidate.token, true), 404);
    expectProblem(await pause(candidate.token, 'yes'), 400);
    expectProblem(await api('/api/candidate/profile/pause', { method: 'PUT', json: { paused: true } }), 401);
  });
});
