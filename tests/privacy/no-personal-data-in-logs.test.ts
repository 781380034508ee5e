import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { loadOrCreateDevKeys, signDevToken } from '../../shared/auth/dev-issuer';
import { devIssuerFor } from '../../shared/config/settings';
import { errorSummary } from '../../shared/observability/error-summary';
import { freePort, startHostProcess, type HostProcess } from '../support/processes';
import { parseSse } from '../support/sse';
import { mailboxEmail, tokenInLink, waitFor } from '../invitations/helpers';
import { chooseOrganisationAccount } from '../support/api';

/**
 * Nothing personal in logs (docs/privacy.md): the whole flow runs through a host of its own at debug level, with a
 * candidate whose every detail is distinctive, and none of those details may appear in anything the host wrote.
 */
const run = randomUUID().slice(0, 8);
const PERSON = {
  firstName: 'Zephyrine',
  lastName: 'Quillfeather',
  email: `zephyrine.quillfeather.${run}@privacy-probe.example`,
  phone: '0491 570 156',
  recruiterName: 'Bartholomew Vandersloot',
  recruiterEmail: `bartholomew.vandersloot.${run}@privacy-probe.example`,
  street: 'Wollombi Crescent',
};
const RESUME = `${PERSON.firstName} ${PERSON.lastName}\n${PERSON.email}\n${PERSON.phone}\n17 ${PERSON.street}, Marrickville NSW 2204\n\nExperience\nPrincipal Engineer, Kookaburra Lantern Analytics, 2018-03 to present\nBuilt APIs in TypeScript on Azure.\n\nSkills\nTypeScript, Azure, SQL\n`;
const ANSWERS = [
  'I spent seven years at Kookaburra Lantern Analytics building payment APIs in TypeScript on Azure Functions.',
  'My proudest project was the Marigold Ledger reconciler, which moved SQL Server queries onto indexes and cut latency by 60 percent.',
  'I mentor Ignatius Fernhollow and review his code every Thursday with written feedback.',
  'When the Thistlewood release broke checkout I led the rollback and added contract tests.',
  'I care about ownership, which is why I volunteer at the Penrose Owl Sanctuary on weekends.',
  'I would start by shipping a small improvement to the Quandong billing service in my first month.',
  'Thank you, I enjoyed the conversation about the Marigold Ledger.',
];
const JOB_DESCRIPTION = `Senior Backend Engineer, Sydney (hybrid).
- Build and run REST APIs in TypeScript and Node.js on Azure Functions
- Design data models in SQL Server and keep them fast
You have 5+ years of backend experience, strong SQL and Azure skills.`;

type Json = Record<string, unknown>;

describe('the logs of a host that served a whole candidate journey', () => {
  let host: HostProcess;
  let dataDirectory: string;
  let logFile: string;
  const secrets: string[] = [...Object.values(PERSON), ...ANSWERS, 'Kookaburra Lantern', 'Marigold Ledger', 'Ignatius Fernhollow', 'Penrose Owl'];

  async function call(path: string, init: { method?: string; token?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${host.url}${path}`, { method: init.method ?? 'GET', headers, body: init.json === undefined ? init.body : JSON.stringify(init.json) });
    const text = await response.text();
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status}: ${text}`);
    return { body: (text.startsWith('{') ? JSON.parse(text) : {}) as Json, etag: response.headers.get('etag') ?? '', text };
  }

  async function turn(sessionToken: string, message: string, clientTurnId: string): Promise<Json> {
    const { text } = await call('/api/ai-interviewer', { method: 'POST', token: sessionToken, json: { message, clientTurnId }, headers: { accept: 'text/event-stream' } });
    const done = parseSse(text).find((event) => event.event === 'done');
    if (!done) throw new Error(`no done event: ${text}`);
    return done.data;
  }

  beforeAll(async () => {
    dataDirectory = mkdtempSync(join(tmpdir(), 'talenti-log-privacy-'));
    logFile = join(dataDirectory, 'host.log');
    const port = await freePort();
    host = await startHostProcess(
      { DATA_DIR: dataDirectory, LOCAL_HOST_PORT: String(port), AZURITE_BLOB_PORT: String(await freePort()), LOG_LEVEL: 'debug' },
      logFile,
    );
    const keys = await loadOrCreateDevKeys(dataDirectory);
    const issuer = devIssuerFor(port);
    const recruiter = await signDevToken(keys, issuer, { email: PERSON.recruiterEmail, name: PERSON.recruiterName });
    const candidate = await signDevToken(keys, issuer, { email: PERSON.email, name: `${PERSON.firstName} ${PERSON.lastName}` });
    secrets.push(recruiter, candidate);

    await chooseOrganisationAccount(recruiter, host.url);
    const organisation = (await call('/api/create-organisation', { method: 'POST', token: recruiter, json: { name: `Vandersloot Talent ${run}` } })).body.organisation as Json;
    const role = (await call(`/api/organisations/${organisation.id}/job-roles`, { method: 'POST', token: recruiter, json: { title: 'Senior Backend Engineer', description: JOB_DESCRIPTION, location: 'Sydney NSW', work_type: 'hybrid', employment_type: 'full_time' } })).body.job_role as Json;
    const extracted = await call('/api/extract-requirements', { method: 'POST', token: recruiter, json: { jobDescription: JOB_DESCRIPTION, jobTitle: role.title, roleId: role.id } });
    await call(`/api/job-roles/${role.id}/status`, { method: 'POST', token: recruiter, json: { status: 'active' }, headers: { 'if-match': extracted.etag } });

    await call('/api/candidate/profile', { method: 'PUT', token: candidate, json: { first_name: PERSON.firstName, last_name: PERSON.lastName, email: PERSON.email, phone: PERSON.phone, suburb: 'Marrickville', state: 'NSW', postcode: '2204' } });
    await call('/api/parse-resume', { method: 'POST', token: candidate, body: RESUME, headers: { 'content-type': 'text/plain' } });
    const application = (await call(`/api/job-roles/${role.id}/applications`, { method: 'POST', token: candidate, json: {} })).body.application as Json;

    const invitation = (await call('/api/send-invitation', { method: 'POST', token: recruiter, json: { applicationId: application.id }, headers: { 'idempotency-key': `log-privacy-${run}` } })).body;
    const db = new Database(join(dataDirectory, 'talenti.sqlite'), { readonly: true });
    const outbox = await waitFor(() => db.prepare('select id from email_outbox where invitation_id = ?').get(invitation.invitationId) as { id: string } | undefined, 'the outbox row');
    db.close();
    const invitationToken = tokenInLink((await mailboxEmail(dataDirectory, outbox.id)).text);
    const redemption = (await call('/api/invitations/redeem', { method: 'POST', json: { token: invitationToken } })).body as { session_token: string; interview: { id: string }; lobby: { consent: { policy_version: string } } };
    secrets.push(invitationToken, redemption.session_token);
    await call('/api/interview-session/consent', { method: 'POST', token: redemption.session_token, json: { policy_version: redemption.lobby.consent.policy_version, ai_processing: true, recording: false } });

    let result = await turn(redemption.session_token, '', 'turn-0');
    for (const [index, answer] of ANSWERS.entries()) {
      if (result.interviewOver) break;
      result = await turn(redemption.session_token, answer, `turn-${index + 1}`);
    }
    await call('/api/score-interview', { method: 'POST', token: recruiter, json: { interviewId: redemption.interview.id } });
    const exported = await call('/api/candidate/export', { token: candidate });
    expect(exported.text).toContain(PERSON.lastName);

    const deletion = (await call('/api/candidate/deletion-requests', { method: 'POST', token: candidate, json: { request_type: 'full_deletion', reason: `Moving to ${PERSON.street}` } })).body.deletion_request as Json;
    await waitFor(async () => {
      const page = (await call('/api/candidate/deletion-requests', { token: candidate }).catch(() => ({ body: { items: [] } }))).body as { items: Json[] };
      const mine = page.items.find((item) => item.id === deletion.id);
      return !mine || mine.status !== 'pending';
    }, 'the deletion request carried out', 30_000);
  }, 180_000);

  afterAll(async () => {
    await host?.stop();
  });

  it('wrote lines, at debug level, and none of them holds the candidate\'s or the recruiter\'s personal data or tokens', () => {
    const log = readFileSync(logFile, 'utf8');
    expect(log).toMatch(/ready http/);
    const leaked = secrets.filter((secret) => log.toLowerCase().includes(secret.toLowerCase()));
    expect(leaked).toEqual([]);
  });
});

describe('what a log line says about a failure', () => {
  it('names its kind, code and place, never its message (Azure SQL quotes a duplicate key in it)', () => {
    const failure = Object.assign(new Error(`Violation of UNIQUE KEY constraint. The duplicate key value is (${PERSON.email}).`), { name: 'RequestError', code: 'EREQUEST' });
    const summary = errorSummary(failure);
    expect(summary).toMatch(/^RequestError \(EREQUEST\) \| at /);
    expect(summary).toContain('no-personal-data-in-logs.test');
    expect(summary).not.toContain(PERSON.email);
    expect(errorSummary(`${PERSON.phone} refused`)).toBe('string');
  });
});
