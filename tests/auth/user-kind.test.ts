import { randomUUID } from 'node:crypto';
import { buildFixture, type Fixture } from '../matrix/fixture';
import { api, tokenFor, uniqueEmail } from '../support/api';

interface Me {
  user: { id: string };
  memberships: unknown[];
  kind: string;
}

let fx: Fixture;
beforeAll(async () => {
  fx = await buildFixture();
}, 60_000);
afterAll(() => fx.db.close());

const kindOf = async (token: string | undefined) => {
  const me = await api<Me>('/api/me', { token });
  expect(me.status).toBe(200);
  return me.body.kind;
};

describe('GET /api/me kind', () => {
  it('is staff for a member of an organisation, candidate for someone who applied, new for a first sign-in', async () => {
    expect(await kindOf(fx.tokens.admin)).toBe('staff');
    expect(await kindOf(fx.tokens.viewer)).toBe('staff');
    expect(await kindOf(fx.tokens.candidateOwner)).toBe('candidate');
    expect(await kindOf(await tokenFor(uniqueEmail('first-time')))).toBe('new');
  });

  it('is candidate on the first sign-in of someone staff invited by email', async () => {
    const email = uniqueEmail('invited-kind');
    expect((await api(`/api/job-roles/${fx.roleA}/invitations`, { method: 'POST', token: fx.tokens.recruiter, json: { email } })).status).toBe(201);
    expect(await kindOf(await tokenFor(email))).toBe('candidate');
  });

  it('is staff for a candidate who also joined an organisation', async () => {
    const applicant = await fx.newApplicant();
    expect(await kindOf(applicant.token)).toBe('candidate');
    fx.db
      .prepare(`insert into org_users (id, user_id, organisation_id, role, created_at) values (?, ?, ?, 'viewer', ?)`)
      .run(randomUUID(), applicant.userId, fx.orgB, new Date().toISOString());
    expect(await kindOf(applicant.token)).toBe('staff');
  });
});
