import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { signDevToken, type DevKeys } from '../../shared/auth/dev-issuer';
import { devIssuerFor } from '../../shared/config/settings';
import { startFakeModelServer, type FakeModelServer, type ModelReply, type RecordedRequest } from '../support/fakes/model-server';
import { freePort, startHostProcess, type HostProcess } from '../support/processes';
import { freshIp, insertApplicant, insertRole, insertRow, yearsAgo, type ShortlistBody } from './world';
import { chooseOrganisationAccount } from '../support/api';

/**
 * The re-rank stage through the real AzureOpenAI client against the fake model server: a host of its own with
 * the top 5 re-ranked in batches of 2, and the default rate limits.
 */
const TOP_N = 5;
const BATCH = 2;

let fake: FakeModelServer;
let host: HostProcess;
let db: Database.Database;
let token: string;
let viewerToken: string;
let organisationId: string;

const labelsOf = (request: RecordedRequest) => [...(request.body.messages.find((m) => m.role === 'user')?.content ?? '').matchAll(/<candidate_data label="(C\d+)">/g)].map((m) => m[1] ?? '');

/** A well-behaved model: ranks every label it was given, later labels lower. */
function validAnswer(request: RecordedRequest): ModelReply {
  const labels = labelsOf(request);
  return { type: 'json', value: { rankings: labels.map((label, i) => ({ label, matchScore: 90 - i, matchReasons: [`Strong fit (${label})`] })) } };
}

async function call(path: string, init: { method?: string; json?: unknown; token?: string; ip?: string } = {}) {
  const response = await fetch(`${host.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${init.token ?? token}`, 'content-type': 'application/json', 'x-forwarded-for': init.ip ?? freshIp() },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as ShortlistBody & { detail?: string } };
}

/** The runs with rows staged for the role. */
const stagedRunsOf = (roleId: string) => (db.prepare('select distinct run_id from shortlist_staging_entries where job_role_id = ?').all(roleId) as Array<{ run_id: string }>).map((r) => r.run_id);

const generate = (roleId: string, ip?: string) => call('/api/generate-shortlist', { method: 'POST', json: { roleId }, ip });
const stored = (roleId: string) => call(`/api/job-roles/${roleId}/shortlist`);

function roleWithApplicants(count: number): { roleId: string; applicationIds: string[] } {
  const roleId = insertRole(db, organisationId);
  const applicationIds = Array.from({ length: count }, (_, i) =>
    insertApplicant(db, roleId, { skills: ['TypeScript', 'Azure', 'SQL'].slice(0, 1 + (i % 3)), jobs: [{ title: 'Backend Engineer', start: yearsAgo(1 + i), current: true }] }).applicationId,
  );
  return { roleId, applicationIds };
}

beforeAll(async () => {
  fake = await startFakeModelServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'talenti-shortlist-'));
  const port = await freePort();
  host = await startHostProcess(
    {
      DATA_DIR: dataDir, LOCAL_HOST_PORT: String(port), AZURITE_BLOB_PORT: String(await freePort()),
      AI_PROVIDER: 'azure', AZURE_OPENAI_ENDPOINT: fake.url, AZURE_OPENAI_API_KEY: 'k', AI_MODEL: 'gpt-4o', AI_RETRY_BASE_MS: '10', AI_MAX_ATTEMPTS: '2',
      SHORTLIST_RERANK_TOP_N: String(TOP_N), SHORTLIST_RERANK_BATCH: String(BATCH),
      // The suite lifts rate limits for its own host; this one keeps the defaults.
      RATE_LIMITS: '{}',
    },
    join(dataDir, 'host.log'),
  );
  const keys = JSON.parse(readFileSync(join(dataDir, 'dev-issuer', 'signing-key.json'), 'utf8')) as DevKeys;
  token = await signDevToken(keys, devIssuerFor(port), { email: 'shortlist-admin@example.com' });
  viewerToken = await signDevToken(keys, devIssuerFor(port), { email: 'shortlist-viewer@example.com' });
  await chooseOrganisationAccount(token, host.url);
  const created = await fetch(`${host.url}/api/create-organisation`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Shortlist Org' }) });
  organisationId = ((await created.json()) as { organisation: { id: string } }).organisation.id;
  const viewer = (await (await fetch(`${host.url}/api/me`, { headers: { authorization: `Bearer ${viewerToken}` } })).json()) as { user: { id: string } };
  db = new Database(join(dataDir, 'talenti.sqlite'));
  db.pragma('busy_timeout = 5000');
  insertRow(db, 'org_users', { user_id: viewer.user.id, organisation_id: organisationId, role: 'viewer', created_at: new Date().toISOString() });
}, 90_000);

afterAll(async () => {
  db?.close();
  await host?.stop();
  await fake?.close();
});

beforeEach(() => {
  fake.requests.length = 0;
  fake.setDefault(validAnswer);
});

describe('the model re-rank stage', () => {
  it('re-ranks only the top N, in batches of the configured size, under labels it maps back', async () => {
    const { roleId, applicationIds } = roleWithApplicants(8);
    const response = await generate(roleId);
    expect(response.status).toBe(200);
    expect(fake.requests).toHaveLength(3);
    const batches = fake.requests.map(labelsOf);
    expect(batches.map((b) => b.length).sort()).toEqual([1, 2, 2]);
    expect(batches.flat().sort()).toEqual(['C1', 'C2', 'C3', 'C4', 'C5']);
    for (const request of fake.requests) {
      expect(request.path).toMatch(/\/deployments\/gpt-4o\/chat\/completions/);
      expect(request.body.response_format?.json_schema?.strict).toBe(true);
    }

    const { matches } = response.body;
    expect(matches.map((m) => m.applicationId).sort()).toEqual([...applicationIds].sort());
    expect(matches.map((m) => m.matchScore)).toEqual([...matches.map((m) => m.matchScore)].sort((a, b) => b - a));
    const reranked = matches.filter((m) => m.stage === 'model');
    expect(reranked).toHaveLength(TOP_N);
    expect(reranked.every((m) => /^Strong fit \(C\d\)$/.test(m.matchReasons[0] ?? ''))).toBe(true);
    const deterministic = matches.filter((m) => m.stage === 'deterministic');
    expect(deterministic).toHaveLength(3);
    for (const m of deterministic) expect(m.matchScore).toBe(m.deterministicScore);
    // The model saw the five best by the deterministic stage.
    const worstReranked = Math.min(...reranked.map((m) => m.deterministicScore));
    expect(Math.max(...deterministic.map((m) => m.deterministicScore))).toBeLessThanOrEqual(worstReranked);
    expect(response.body).toMatchObject({ provider: 'azure', promptVersion: 'rank-candidates/v1' });

    const providers = db.prepare('select stage, provider, count(*) as n from shortlist_entries where job_role_id = ? group by stage, provider order by stage').all(roleId);
    expect(providers).toEqual([{ stage: 'deterministic', provider: 'none', n: 3 }, { stage: 'model', provider: 'azure', n: 5 }]);
    const usage = db.prepare(`select outcome, count(*) as n from ai_usage where task = 'rank-candidates' and organisation_id = ? group by outcome`).all(organisationId);
    expect(usage).toEqual([{ outcome: 'ok', n: expect.any(Number) }]);

    const again = await stored(roleId);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...(response.body as object), next_cursor: null });
    expect(fake.requests).toHaveLength(3);
  });

  it('shows the model no names, contact details, employers, DEI answers or ids', async () => {
    const roleId = insertRole(db, organisationId);
    const people = [
      { first: 'Zephyrine', last: 'Quillfeather', email: 'zephyrine.q@mailbox.example', phone: '0412 345 678', company: 'Globex Corporation', gender: 'genderqueer-marker', ethnicity: 'ethnicity-marker' },
      { first: 'Barnaby', last: 'Wolstenholme', email: 'barnaby@wolstenholme.example', phone: '+61 2 9876 5432', company: 'Vandelay Industries', gender: 'woman-marker', ethnicity: 'heritage-marker' },
    ];
    const inserted = people.map((p) =>
      insertApplicant(db, roleId, {
        email: `account-${p.first.toLowerCase()}@signin.example`,
        display_name: `${p.first} ${p.last}`,
        profile: { first_name: p.first, last_name: p.last, email: p.email, phone: p.phone, linkedin_url: `https://linkedin.example/in/${p.first}`, postcode: '2042', suburb: 'Marrickville' },
        skills: ['TypeScript', `${p.first} certified`],
        jobs: [{
          title: `Engineer at ${p.company}`,
          company: p.company,
          start: yearsAgo(4),
          current: true,
          description: `At ${p.company} I (${p.first} ${p.last}) built APIs in TypeScript on Azure. Reach me on ${p.phone} or ${p.email}, https://${p.first.toLowerCase()}.example/cv`,
        }],
        dei: { gender: p.gender, ethnicity: p.ethnicity, disability_status: 'disability-marker', veteran_status: 'veteran-marker' },
      }),
    );
    const response = await generate(roleId);
    expect(response.status).toBe(200);
    expect(fake.requests.length).toBeGreaterThan(0);
    const sent = JSON.stringify(fake.requests.map((r) => r.body.messages));
    const forbidden = [
      ...people.flatMap((p) => [p.first, p.last, p.email, p.phone, p.company, p.gender, p.ethnicity, 'Globex', 'Vandelay', `account-${p.first.toLowerCase()}`]),
      'disability-marker', 'veteran-marker', 'Marrickville', '2042', 'linkedin', 'signin.example', '9876', '0412',
      ...inserted.flatMap((a) => [a.userId, a.applicationId]),
    ];
    for (const value of forbidden) expect({ value, found: sent.toLowerCase().includes(value.toLowerCase()) }).toEqual({ value, found: false });
    // What the model does get: job facts under labels, inside the data fence.
    expect(sent).toContain('built APIs in TypeScript on Azure');
    expect(sent).toMatch(/<candidate_data label=\\"C1\\">/);
    expect(sent).toContain('[redacted]');
  });
});

describe('an invalid model answer', () => {
  const bad = (value: unknown): ModelReply => ({ type: 'json', value });
  const answers = {
    'an unknown label': { rankings: [{ label: 'C99', matchScore: 80, matchReasons: ['x'] }, { label: 'C2', matchScore: 70, matchReasons: ['y'] }] },
    'a missing label': { rankings: [{ label: 'C1', matchScore: 80, matchReasons: ['x'] }] },
    'a score of 150': { rankings: [{ label: 'C1', matchScore: 150, matchReasons: ['x'] }, { label: 'C2', matchScore: 70, matchReasons: ['y'] }] },
    'a label ranked twice': { rankings: [{ label: 'C1', matchScore: 80, matchReasons: ['x'] }, { label: 'C1', matchScore: 70, matchReasons: ['y'] }] },
  };

  it.each(Object.entries(answers))('with %s gets one repair request, and is used once repaired', async (_name, answer) => {
    const { roleId } = roleWithApplicants(2);
    fake.enqueue(bad(answer));
    const response = await generate(roleId);
    expect(response.status).toBe(200);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]?.body.messages.at(-1)?.content).toMatch(/not valid against the required JSON schema/);
    expect(response.body.matches.every((m) => m.stage === 'model')).toBe(true);
  });

  it.each(Object.entries(answers))('with %s twice fails the run with 502 and keeps the stored list', async (_name, answer) => {
    const { roleId } = roleWithApplicants(2);
    const first = await generate(roleId);
    expect(first.status).toBe(200);
    const before = db.prepare('select * from shortlist_entries where job_role_id = ? order by application_id').all(roleId);
    const scoresBefore = db.prepare('select id, match_score, version from applications where job_role_id = ? order by id').all(roleId);

    fake.requests.length = 0;
    fake.enqueue(bad(answer), bad(answer));
    const failed = await generate(roleId);
    expect(failed.status).toBe(502);
    expect(failed.headers.get('content-type')).toMatch(/problem\+json/);
    expect(failed.body.detail).toMatch(/wrong format/);
    expect(fake.requests).toHaveLength(2);
    expect(db.prepare('select * from shortlist_entries where job_role_id = ? order by application_id').all(roleId)).toEqual(before);
    expect(db.prepare('select id, match_score, version from applications where job_role_id = ? order by id').all(roleId)).toEqual(scoresBefore);
    expect((await stored(roleId)).body).toEqual({ ...(first.body as object), next_cursor: null });
  });
});

describe('a failing model', () => {
  it('fails the run when every attempt fails, and leaves the previous list and scores intact', async () => {
    const { roleId } = roleWithApplicants(6);
    const first = await generate(roleId);
    expect(first.status).toBe(200);
    const before = db.prepare('select * from shortlist_entries where job_role_id = ? order by application_id').all(roleId);
    const auditsBefore = (db.prepare(`select count(*) as n from audit_log where action = 'shortlist_generated' and entity_id = ?`).get(roleId) as { n: number }).n;

    fake.setDefault(() => ({ type: 'status', status: 500 }));
    const failed = await generate(roleId);
    expect(failed.status).toBe(502);
    expect(db.prepare('select * from shortlist_entries where job_role_id = ? order by application_id').all(roleId)).toEqual(before);
    expect((db.prepare(`select count(*) as n from audit_log where action = 'shortlist_generated' and entity_id = ?`).get(roleId) as { n: number }).n).toBe(auditsBefore);
    // What the failed run staged is gone with it.
    expect(stagedRunsOf(roleId)).toEqual([]);
    fake.setDefault(validAnswer);
    expect((await stored(roleId)).body).toEqual({ ...(first.body as object), next_cursor: null });
  });

  it("sweeps at the role's next run what a run that died staged, and not what a run still going stages", async () => {
    const { roleId, applicationIds } = roleWithApplicants(3);
    const stage = (runId: string, applicationId: string, createdAt: Date) =>
      db
        .prepare(`insert into shortlist_staging_entries (run_id, application_id, job_role_id, match_score, deterministic_score, match_reasons, stage, provider, skills, shown_sections, created_at) values (?, ?, ?, 50, 50, '[]', 'deterministic', 'none', '[]', '[]', ?)`)
        .run(runId, applicationId, roleId, createdAt.toISOString());
    const dead = randomUUID();
    const going = randomUUID();
    for (const id of applicationIds) stage(dead, id, new Date(Date.now() - 11 * 60 * 1000));
    stage(going, applicationIds[0] ?? '', new Date(Date.now() - 60 * 1000));

    expect((await generate(roleId)).status).toBe(200);
    expect(stagedRunsOf(roleId)).toEqual([going]);
    expect((await stored(roleId)).body.matches).toHaveLength(3);
  });

  it('refuses to store a run that lost applicants while it ran (409), and leaves the list as it was', async () => {
    const { roleId, applicationIds } = roleWithApplicants(6);
    expect((await generate(roleId)).status).toBe(200);
    const leaves = applicationIds[5] ?? '';
    const entries = () => db.prepare('select * from shortlist_entries where job_role_id = ? order by application_id').all(roleId);
    const before = (entries() as Array<{ application_id: string }>).filter((entry) => entry.application_id !== leaves);

    // The application is deleted while the model ranks the top: its staged entry goes with it (cascade).
    fake.setDefault((request) => {
      db.pragma('foreign_keys = ON');
      db.prepare('delete from applications where id = ?').run(leaves);
      db.pragma('foreign_keys = OFF');
      return validAnswer(request);
    });
    const response = await generate(roleId);
    expect(response.status).toBe(409);
    expect(entries()).toEqual(before);
    expect(stagedRunsOf(roleId)).toEqual([]);
  });

  it('turns a model that stays busy into 503 with Retry-After', async () => {
    const { roleId } = roleWithApplicants(1);
    fake.setDefault(() => ({ type: 'status', status: 429, retryAfterSeconds: 0 }));
    const response = await generate(roleId);
    expect(response.status).toBe(503);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('access and limits', () => {
  it('lets a viewer read the stored list but not run one', async () => {
    const { roleId } = roleWithApplicants(1);
    expect((await generate(roleId)).status).toBe(200);
    expect((await call(`/api/job-roles/${roleId}/shortlist`, { token: viewerToken })).status).toBe(200);
    expect((await call('/api/generate-shortlist', { method: 'POST', json: { roleId }, token: viewerToken })).status).toBe(403);
  });

  it('allows 10 runs per 5 minutes from one address', async () => {
    const { roleId } = roleWithApplicants(1);
    const ip = freshIp();
    // Windows are fixed (300 s from the epoch): start well inside one, so the 11 calls share it.
    const intoWindow = Math.floor(Date.now() / 1000) % 300;
    if (intoWindow > 285) await new Promise((r) => setTimeout(r, (301 - intoWindow) * 1000));
    for (let i = 0; i < 10; i++) expect((await generate(roleId, ip)).status).toBe(200);
    const limited = await generate(roleId, ip);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
