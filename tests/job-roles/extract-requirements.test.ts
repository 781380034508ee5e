import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { signDevToken, type DevKeys } from '../../shared/auth/dev-issuer';
import { devIssuerFor } from '../../shared/config/settings';
import { api, chooseOrganisationAccount, expectProblem, openDatabase, tokenFor, uniqueEmail } from '../support/api';
import { startFakeModelServer, type FakeModelServer } from '../support/fakes/model-server';
import { freePort, startHostProcess, type HostProcess } from '../support/processes';
import { buildFixture, type Fixture } from '../matrix/fixture';

const DESCRIPTION =
  'We are hiring a Senior Backend Engineer in Sydney.\n' +
  '- Build and maintain REST APIs in TypeScript on Azure Functions\n' +
  '- Mentor engineers and review code\n' +
  'You have 5+ years of experience with Node.js and SQL, and a degree in Computer Science or similar.';

describe('POST /api/extract-requirements (offline provider)', () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await buildFixture();
  }, 60_000);
  afterAll(() => fx.db.close());

  it('answers the original shape, marked as the offline rules', async () => {
    const response = await api<{ success: boolean; requirements: Record<string, string[]>; provider: string; saved_to_role: null }>('/api/extract-requirements', {
      method: 'POST', token: fx.tokens.recruiter, json: { jobDescription: DESCRIPTION, jobTitle: 'Senior Backend Engineer' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ success: true, provider: 'offline', saved_to_role: null });
    expect(response.body.requirements.skills).toEqual(expect.arrayContaining(['REST APIs', 'TypeScript', 'Azure', 'Node.js', 'SQL']));
    expect(response.body.requirements.responsibilities).toEqual(expect.arrayContaining([expect.stringMatching(/^Build and maintain REST APIs/), expect.stringMatching(/^Mentor engineers/)]));
    expect(response.body.requirements.interviewQuestions?.length).toBeGreaterThanOrEqual(5);
    expect(response.body.requirements.interviewQuestions?.length).toBeLessThanOrEqual(7);
  });

  it('answers 400, not 500, when the description is missing', async () => {
    const response = await api('/api/extract-requirements', { method: 'POST', token: fx.tokens.recruiter, json: { jobTitle: 'X' } });
    expect(expectProblem(response, 400).errors).toEqual([expect.objectContaining({ path: 'jobDescription' })]);
  });

  it('answers 502 naming the offline rules when they cannot read a short description, and saves nothing', async () => {
    const roleId = fx.newDraftRole();
    const before = fx.db.prepare('select version, requirements from job_roles where id = ?').get(roleId);
    for (const jobDescription of ['a'.repeat(40), '.'.repeat(40), 'Role. '.repeat(8)]) {
      const problem = expectProblem(await api('/api/extract-requirements', { method: 'POST', token: fx.tokens.recruiter, json: { jobDescription, roleId } }), 502);
      expect(problem.detail).toMatch(/offline/);
    }
    expect(fx.db.prepare('select version, requirements from job_roles where id = ?').get(roleId)).toEqual(before);
  });

  it('saves to the role with an interview structure of the questions and 15 minutes, audited', async () => {
    const roleId = fx.newDraftRole();
    const response = await api<{ saved_to_role: { id: string; version: number }; requirements: { interviewQuestions: string[] } }>('/api/extract-requirements', {
      method: 'POST', token: fx.tokens.hiringManager, json: { jobDescription: DESCRIPTION, roleId },
    });
    expect(response.status).toBe(200);
    expect(response.body.saved_to_role).toEqual({ id: roleId, version: 2 });
    expect(response.headers.get('etag')).toBe('"2"');
    const row = fx.db.prepare('select requirements, interview_structure from job_roles where id = ?').get(roleId) as { requirements: string; interview_structure: string };
    expect(JSON.parse(row.requirements)).toEqual(response.body.requirements);
    expect(JSON.parse(row.interview_structure)).toEqual({ questions: response.body.requirements.interviewQuestions, duration_minutes: 15 });
    const audit = fx.db.prepare(`select new_values from audit_log where action = 'requirements_extracted' and entity_id = ?`).get(roleId) as { new_values: string };
    expect(JSON.parse(audit.new_values)).toMatchObject({ provider: 'offline' });
    expect(audit.new_values).not.toContain('Sydney');
  });

  it('keeps roles of other organisations out of reach, and viewers from writing', async () => {
    const roleId = fx.newDraftRole();
    expectProblem(await api('/api/extract-requirements', { method: 'POST', token: fx.tokens.otherOrgAdmin, json: { jobDescription: DESCRIPTION, roleId } }), 404);
    expectProblem(await api('/api/extract-requirements', { method: 'POST', token: fx.tokens.viewer, json: { jobDescription: DESCRIPTION, roleId } }), 403);
    expect((fx.db.prepare('select version from job_roles where id = ?').get(roleId) as { version: number }).version).toBe(1);
  });

  it('is for staff: a user with no organisation gets 403', async () => {
    expectProblem(await api('/api/extract-requirements', { method: 'POST', token: await tokenFor(uniqueEmail('candidate')), json: { jobDescription: DESCRIPTION } }), 403);
  });

  it('meters the call for the organisation', async () => {
    const before = (openDatabase().prepare('select count(*) as n from ai_usage where organisation_id = ?').get(fx.orgA) as { n: number }).n;
    await api('/api/extract-requirements', { method: 'POST', token: fx.tokens.admin, json: { jobDescription: DESCRIPTION } });
    const after = (openDatabase().prepare('select count(*) as n from ai_usage where organisation_id = ?').get(fx.orgA) as { n: number }).n;
    expect(after).toBe(before + 1);
  });
});

describe('POST /api/extract-requirements through Azure OpenAI (fake)', () => {
  let fake: FakeModelServer;
  let host: HostProcess;
  let token: string;

  beforeAll(async () => {
    fake = await startFakeModelServer();
    const dataDir = mkdtempSync(join(tmpdir(), 'talenti-aoai-'));
    const port = await freePort();
    host = await startHostProcess(
      { DATA_DIR: dataDir, LOCAL_HOST_PORT: String(port), AZURITE_BLOB_PORT: String(await freePort()), AI_PROVIDER: 'azure', AZURE_OPENAI_ENDPOINT: fake.url, AZURE_OPENAI_API_KEY: 'k', AI_MODEL: 'gpt-4o', AI_RETRY_BASE_MS: '10', AI_MAX_ATTEMPTS: '2' },
      join(dataDir, 'host.log'),
    );
    const keys = JSON.parse(readFileSync(join(dataDir, 'dev-issuer', 'signing-key.json'), 'utf8')) as DevKeys;
    token = await signDevToken(keys, devIssuerFor(port), { email: 'aoai-admin@example.com' });
    await chooseOrganisationAccount(token, host.url);
    const created = await fetch(`${host.url}/api/create-organisation`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'AOAI Org' }) });
    expect(created.status).toBe(201);
  }, 90_000);

  afterAll(async () => {
    await host.stop();
    await fake.close();
  });

  const call = () =>
    fetch(`${host.url}/api/extract-requirements`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ jobDescription: DESCRIPTION }),
    });

  it('returns the model answer, marked azure', async () => {
    fake.enqueue({ type: 'json', value: { skills: ['TypeScript'], experience: [], qualifications: [], responsibilities: [], interviewQuestions: ['a?', 'b?', 'c?', 'd?', 'e?'] } });
    const response = await call();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ success: true, provider: 'azure', requirements: { skills: ['TypeScript'] } });
  });

  it('turns an upstream 429 into our 503 with Retry-After', async () => {
    fake.enqueue({ type: 'status', status: 429, retryAfterSeconds: 0 }, { type: 'status', status: 429, retryAfterSeconds: 7 });
    const response = await call();
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('turns an answer that stays invalid into a 502 problem', async () => {
    fake.enqueue({ type: 'content', content: 'I cannot do that' }, { type: 'json', value: { skills: [] } });
    const response = await call();
    expect(response.status).toBe(502);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/wrong format/);
  });
});
