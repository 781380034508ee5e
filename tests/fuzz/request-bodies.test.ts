import fc from 'fast-check';
import type { z } from 'zod';
import { AddMemberInput } from '../../shared/organisations/members';
import { CandidateProfileInput } from '../../shared/candidates/profile-input';
import { CreateDeletionRequestInput } from '../../shared/privacy/deletion-requests';
import { CreateJobRoleInput } from '../../shared/job-roles/job-role-input';
import { CreateOrganisationInput } from '../../shared/organisations/create-organisation';
import { NewEmploymentInput } from '../../shared/candidates/employment';
import { NewSkillInput } from '../../shared/candidates/skills';
import { UpdateOrganisationInput } from '../../shared/organisations/organisation-settings';
import { api, createOrganisation, openDatabase, tokenFor, uniqueEmail } from '../support/api';
import { mutatedBodies, ODD_STRINGS } from '../support/arbitrary-from-schema';

/**
 * Property-based: bodies generated from each endpoint's own zod schema and mutated (wrong types, missing and extra
 * fields, huge, empty and odd Unicode strings), sent over HTTP. Never a 5xx; every refusal is problem+json; a
 * refused request changes nothing the caller owns. `npm test` runs a few cases; `npm run fuzz` many more.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10);
const TIMEOUT_MS = Math.max(60_000, RUNS * 2_000);

interface Target {
  name: string;
  schema: z.ZodType;
  method: string;
  path: () => string;
  headers?: () => Record<string, string>;
  /** The rows this caller owns that the endpoint writes: equal before and after a refused request. */
  owned: () => unknown;
  /** Who calls it when not the shared fuzz user. */
  token?: () => string;
}

describe('fuzzed request bodies', () => {
  const db = openDatabase();
  afterAll(() => db.close());
  let token = '';
  let userId = '';
  let organisationId = '';
  // Deletion requests are carried out in the background (a full deletion erases its requester), so they get a user
  // of their own and are compared on what the caller wrote, not on the processor's status columns.
  let deletingToken = '';
  let deletingUserId = '';
  const rows = (sql: string, ...args: string[]) => db.prepare(sql).all(...args);

  beforeAll(async () => {
    token = await tokenFor(uniqueEmail('fuzz'));
    organisationId = (await createOrganisation(token)).id;
    userId = (await api<{ user: { id: string } }>('/api/me', { token })).body.user.id;
    deletingToken = await tokenFor(uniqueEmail('fuzz-deleting'));
    deletingUserId = (await api<{ user: { id: string } }>('/api/me', { token: deletingToken })).body.user.id;
  });

  const targets: Target[] = [
    { name: 'create-organisation', schema: CreateOrganisationInput, method: 'POST', path: () => '/api/create-organisation', owned: () => rows('select * from organisations where created_by = ? order by id', userId) },
    {
      name: 'update-organisation', schema: UpdateOrganisationInput, method: 'PATCH', path: () => `/api/organisations/${organisationId}`,
      headers: () => ({ 'if-match': `"${(db.prepare('select version from organisations where id = ?').get(organisationId) as { version: number }).version}"` }),
      owned: () => rows('select * from organisations where id = ?', organisationId),
    },
    { name: 'create-job-role', schema: CreateJobRoleInput, method: 'POST', path: () => `/api/organisations/${organisationId}/job-roles`, owned: () => rows('select * from job_roles where organisation_id = ? order by id', organisationId) },
    { name: 'add-organisation-member', schema: AddMemberInput, method: 'POST', path: () => `/api/organisations/${organisationId}/members`, owned: () => rows('select * from member_invitations where organisation_id = ? order by id', organisationId) },
    { name: 'put-candidate-profile', schema: CandidateProfileInput, method: 'PUT', path: () => '/api/candidate/profile', owned: () => rows('select * from candidate_profiles where user_id = ?', userId) },
    { name: 'add-skill', schema: NewSkillInput, method: 'POST', path: () => '/api/candidate/skills', owned: () => rows('select * from candidate_skills where user_id = ? order by id', userId) },
    { name: 'add-employment', schema: NewEmploymentInput, method: 'POST', path: () => '/api/candidate/employment', owned: () => rows('select * from employment_history where user_id = ? order by id', userId) },
    {
      name: 'create-deletion-request', schema: CreateDeletionRequestInput, method: 'POST', path: () => '/api/candidate/deletion-requests', token: () => deletingToken,
      owned: () => rows('select id, request_type, reason, requested_at from data_deletion_requests where user_id = ? order by id', deletingUserId),
    },
  ];

  it.each(targets.map((t) => [t.name, t] as const))('%s: never a 5xx, refusals are problem+json and store nothing', async (_name, target) => {
    await fc.assert(
      fc.asyncProperty(mutatedBodies(target.schema), async (body) => {
        const before = JSON.stringify(target.owned());
        const response = await api(target.path(), { method: target.method, token: target.token?.() ?? token, json: body, headers: target.headers?.() });
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) {
          expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          expect(response.body).toMatchObject({ status: response.status, type: expect.any(String), requestId: expect.any(String) });
          expect(JSON.stringify(target.owned())).toBe(before);
        }
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT_MS);

  it('answers bodies that are not JSON, or odd text, with a 4xx problem', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.constantFrom(...ODD_STRINGS), fc.constantFrom('{', '{"name":', '[]]', '\u0000{}', '{"name":"a"}'.repeat(3))), fc.constantFrom(...targets), async (text, target) => {
        const response = await api(target.path(), { method: target.method, token: target.token?.() ?? token, body: text, headers: { 'content-type': 'application/json', ...target.headers?.() } });
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      }),
      { numRuns: RUNS * 2 },
    );
  }, TIMEOUT_MS);
});
