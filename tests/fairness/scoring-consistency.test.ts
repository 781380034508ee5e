import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { signDevToken, type DevKeys } from '../../shared/auth/dev-issuer';
import { devIssuerFor } from '../../shared/config/settings';
import { rubricFromRole, rubricVersion } from '../../shared/interviews/scoring/rubric';
import { startFakeModelServer, type FakeModelServer } from '../support/fakes/model-server';
import { freePort, startHostProcess, type HostProcess } from '../support/processes';
import { GOOD_ANSWERS, insertInterview } from '../interviews/scoring/interview-rows';
import { chooseOrganisationAccount } from '../support/api';

/**
 * Scoring consistency through the real scoring path (AzureOpenAI client, quote verification, weights) against a
 * fake Azure OpenAI endpoint on a host of its own, with SCORING_CONSISTENCY_SAMPLE_SIZE=4: the model's second
 * opinions are scripted, so the band changes are known.
 */
const RUBRIC = {
  technical_skills: { weight: 0.5, label: 'Technical skills' },
  communication: { weight: 0.3, label: 'Communication' },
  culture_fit: { weight: 0.2, label: 'Culture fit' },
};
const QUOTES = {
  technical_skills: 'I designed a payments API in TypeScript on Azure Functions.',
  communication: 'First I listen to their reasons, then we agree on a small experiment together.',
  culture_fit: 'I mentor two junior engineers and we share feedback every week.',
};
/** Every dimension at `score` with a verified quote: the overall is score × 10. */
const answerAt = (score: number) => ({
  dimensions: Object.entries(QUOTES).map(([dimension, quote]) => ({ dimension, score, evidence: 'Evidence.', cited_quotes: [quote] })),
  narrative_summary: 'A narrative.',
  candidate_feedback: 'Feedback.',
  anti_cheat_risk_level: 'low',
  anti_cheat_notes: null,
});

interface Result { interview_id: string; outcome: string; original_score: number | null; rescored_score: number | null; original_band: string; rescored_band: string | null; band_changed: boolean; absolute_difference: number | null; error: string | null }
interface Check {
  id: string; organisation_id: string; job_role_id: string | null; sample_size: number; eligible: number; rubric_changed: number; compared: number; failed: number;
  band_changed: number; band_change_rate: number | null; mean_absolute_difference: number | null; bands: { medium_from: number; high_from: number }; results: Result[];
}

let fake: FakeModelServer;
let host: HostProcess;
let db: Database.Database;
let admin: string;
let recruiter: string;
let outsider: string;
let organisationId: string;
let otherOrganisationId: string;
let roleId: string;
const sameRubric: string[] = [];

async function call<T>(path: string, token: string, init: { method?: string; json?: unknown } = {}) {
  const response = await fetch(`${host.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.json === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: (response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null) as T };
}

async function createOrganisation(token: string, name: string): Promise<string> {
  await chooseOrganisationAccount(token, host.url);
  const created = await call<{ organisation: { id: string } }>('/api/create-organisation', token, { method: 'POST', json: { name } });
  expect(created.status).toBe(201);
  return created.body.organisation.id;
}

/** A completed interview of a fresh applicant, scored `score` with the rubric `rubric_version`. */
function scoredInterview(role: string, score: number, rubric: string): string {
  const at = new Date().toISOString();
  const userId = randomUUID();
  db.prepare(`insert into users (id, issuer, subject, email, created_at, last_sign_in_at) values (?, 'test', ?, null, ?, ?)`).run(userId, userId, at, at);
  const applicationId = randomUUID();
  db.prepare(`insert into applications (id, candidate_id, job_role_id, status, created_at, updated_at) values (?, ?, ?, 'reviewed', ?, ?)`).run(applicationId, userId, role, at, at);
  const interviewId = insertInterview(db, applicationId, GOOD_ANSWERS);
  db.prepare(`insert into interview_scores (id, interview_id, overall_score, scored_by, model_version, rubric_version, created_at, updated_at) values (?, ?, ?, 'azure', 'gpt-4o', ?, ?, ?)`).run(
    randomUUID(), interviewId, score, rubric, at, at,
  );
  return interviewId;
}

const checksPath = (organisation = organisationId) => `/api/organisations/${organisation}/scoring-consistency-checks`;
const count = (table: string) => (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
const audits = (action: string) => db.prepare('select user_id, entity_type, entity_id, new_values from audit_log where action = ? order by created_at').all(action) as Array<Record<string, string>>;

beforeAll(async () => {
  fake = await startFakeModelServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'talenti-consistency-'));
  const port = await freePort();
  host = await startHostProcess(
    {
      DATA_DIR: dataDir, LOCAL_HOST_PORT: String(port), AZURITE_BLOB_PORT: String(await freePort()),
      AI_PROVIDER: 'azure', AZURE_OPENAI_ENDPOINT: fake.url, AZURE_OPENAI_API_KEY: 'k', AI_MODEL: 'gpt-4o', AI_RETRY_BASE_MS: '10', AI_MAX_ATTEMPTS: '1',
      SCORING_CONSISTENCY_SAMPLE_SIZE: '4',
    },
    join(dataDir, 'host.log'),
  );
  const keys = JSON.parse(readFileSync(join(dataDir, 'dev-issuer', 'signing-key.json'), 'utf8')) as DevKeys;
  const sign = (email: string) => signDevToken(keys, devIssuerFor(port), { email });
  admin = await sign('consistency-admin@example.com');
  recruiter = await sign('consistency-recruiter@example.com');
  outsider = await sign('consistency-outsider@example.com');
  organisationId = await createOrganisation(admin, 'Consistency Org');
  otherOrganisationId = await createOrganisation(outsider, 'Other Org');
  db = new Database(join(dataDir, 'talenti.sqlite'));
  db.pragma('busy_timeout = 5000');
  expect((await call('/api/me', recruiter)).status).toBe(200);
  const recruiterId = (db.prepare('select id from users where email = ?').get('consistency-recruiter@example.com') as { id: string }).id;
  const at = new Date().toISOString();
  db.prepare(`insert into org_users (id, organisation_id, user_id, role, created_at) values (?, ?, ?, 'recruiter', ?)`).run(randomUUID(), organisationId, recruiterId, at);
  roleId = randomUUID();
  db.prepare(`insert into job_roles (id, organisation_id, title, status, scoring_rubric, created_at, updated_at) values (?, ?, 'Engineer', 'active', ?, ?, ?)`).run(roleId, organisationId, JSON.stringify(RUBRIC), at, at);
  const current = rubricVersion(rubricFromRole(RUBRIC));
  for (let i = 0; i < 4; i++) sameRubric.push(scoredInterview(roleId, 75, current));
  // scored before the rubric changed: not the same rubric, never re-scored
  scoredInterview(roleId, 75, 'rubric-000000000000');
}, 90_000);

afterAll(async () => {
  db?.close();
  await host?.stop();
  await fake?.close();
});

describe('scoring consistency', () => {
  let check: Check;

  it('refuses a sample larger than the setting with a problem and stores nothing', async () => {
    const response = await call<{ title: string; detail: string }>(checksPath(), admin, { method: 'POST', json: { sample_size: 5 } });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.detail).toContain('SCORING_CONSISTENCY_SAMPLE_SIZE');
    expect(count('scoring_consistency_checks')).toBe(0);
    expect(fake.requests).toHaveLength(0);
  });

  it('re-scores the sample with the same transcript and rubric and reports how often the band changed', async () => {
    // Stored: 75 (high) each. Second opinions: 80 (high), 75 (high), 50 (medium), and a model error.
    fake.enqueue({ type: 'json', value: answerAt(8) }, { type: 'json', value: answerAt(7.5) }, { type: 'json', value: answerAt(5) }, { type: 'status', status: 500 });
    const response = await call<Check>(checksPath(), admin, { method: 'POST', json: {} });
    expect(response.status).toBe(201);
    check = response.body;
    expect(response.headers.get('location')).toBe(`${checksPath()}/${check.id}`);
    expect(check).toMatchObject({
      organisation_id: organisationId, job_role_id: null, sample_size: 4, eligible: 4, rubric_changed: 1, compared: 3, failed: 1,
      band_changed: 1, band_change_rate: 0.3333, mean_absolute_difference: 10, bands: { medium_from: 40, high_from: 70 },
    });
    expect(check.results.map((r) => r.interview_id).sort()).toEqual([...sameRubric].sort());
    const compared = check.results.filter((r) => r.outcome === 'compared').map((r) => [r.original_band, r.rescored_score, r.rescored_band, r.band_changed, r.absolute_difference]);
    expect(compared.sort()).toEqual([
      ['high', 50, 'medium', true, 25],
      ['high', 75, 'high', false, 0],
      ['high', 80, 'high', false, 5],
    ]);
    expect(check.results.filter((r) => r.outcome === 'failed')).toEqual([
      expect.objectContaining({ original_score: 75, rescored_score: null, rescored_band: null, band_changed: false, error: 'The AI service failed to answer.' }),
    ]);

    // The model read each stored transcript and the role's rubric, as scoring does.
    expect(fake.requests).toHaveLength(4);
    for (const request of fake.requests) {
      expect(request.body.messages[1]?.content).toContain(`CANDIDATE: ${QUOTES.technical_skills}`);
      expect(JSON.stringify(request.body.response_format?.json_schema?.schema)).toContain('"enum":["technical_skills","communication","culture_fit"]');
    }
    // Nothing scored changed; the check and its four results are stored; the request is audited.
    expect(db.prepare('select distinct overall_score from interview_scores').all()).toEqual([{ overall_score: 75 }]);
    expect(count('interview_score_revisions')).toBe(0);
    expect(count('scoring_consistency_checks')).toBe(1);
    expect(db.prepare('select count(*) as n from scoring_consistency_results where check_id = ?').get(check.id)).toEqual({ n: 4 });
    expect(audits('scoring_consistency_check_requested')).toEqual([
      expect.objectContaining({ entity_type: 'organisation', entity_id: organisationId, new_values: JSON.stringify({ sample_size: 4 }) }),
    ]);
  });

  it('reads the stored check again as JSON and as CSV, audited each time', async () => {
    const read = await call<Check>(`${checksPath()}/${check.id}`, admin);
    expect(read.status).toBe(200);
    expect({ ...read.body, results: [...read.body.results].sort((a, b) => a.interview_id.localeCompare(b.interview_id)) }).toEqual({
      ...check, results: [...check.results].sort((a, b) => a.interview_id.localeCompare(b.interview_id)),
    });

    const csv = await call(`${checksPath()}/${check.id}?format=csv`, admin);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('interview_id,outcome,original_score,original_band,rescored_score,rescored_band,band_changed,absolute_difference,model_version,error');
    expect(lines).toHaveLength(5);
    expect(lines.filter((l) => l.includes(',compared,75,high,50,medium,true,25,gpt-4o,'))).toHaveLength(1);
    expect(audits('scoring_consistency_check_read').map((a) => [a.entity_type, a.entity_id, a.new_values])).toEqual([
      ['scoring_consistency_check', check.id, '{"format":"json"}'],
      ['scoring_consistency_check', check.id, '{"format":"csv"}'],
    ]);
  });

  it('samples only the job role asked for, and refuses another organisation’s role', async () => {
    const otherRole = randomUUID();
    const at = new Date().toISOString();
    db.prepare(`insert into job_roles (id, organisation_id, title, status, created_at, updated_at) values (?, ?, 'Elsewhere', 'active', ?, ?)`).run(otherRole, otherOrganisationId, at, at);
    const refused = await call(checksPath(), admin, { method: 'POST', json: { job_role_id: otherRole } });
    expect(refused.status).toBe(404);

    const emptyRole = randomUUID();
    db.prepare(`insert into job_roles (id, organisation_id, title, status, created_at, updated_at) values (?, ?, 'Quiet role', 'active', ?, ?)`).run(emptyRole, organisationId, at, at);
    const empty = await call<Check>(checksPath(), admin, { method: 'POST', json: { job_role_id: emptyRole, sample_size: 2 } });
    expect(empty.status).toBe(201);
    expect(empty.body).toMatchObject({ job_role_id: emptyRole, sample_size: 2, eligible: 0, compared: 0, band_change_rate: null, mean_absolute_difference: null, results: [] });
    expect(fake.requests).toHaveLength(4);
  });

  it('is for admins only: a recruiter is refused, another organisation does not see it, a bad body is a 400', async () => {
    expect((await call(checksPath(), recruiter, { method: 'POST', json: {} })).status).toBe(403);
    expect((await call(`${checksPath()}/${check.id}`, recruiter)).status).toBe(403);
    expect((await call(`${checksPath()}/${check.id}`, outsider)).status).toBe(404);
    expect((await call(`${checksPath(otherOrganisationId)}/${check.id}`, outsider)).status).toBe(404);
    for (const json of [{ sample_size: 0 }, { sample_size: 'all' }, { extra: true }, { job_role_id: 'x' }]) {
      const response = await call(checksPath(), admin, { method: 'POST', json });
      expect({ json, status: response.status, type: response.headers.get('content-type') }).toEqual({ json, status: 400, type: expect.stringContaining('application/problem+json') });
    }
    expect(fake.requests).toHaveLength(4);
  });
});
