import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { signDevToken, type DevKeys } from '../../shared/auth/dev-issuer';
import { devIssuerFor } from '../../shared/config/settings';
import { DEFAULT_RATE_LIMITS } from '../../shared/http/rate-limiter';
import { EXPECTED, resumePdf } from '../../tests/support/documents';
import { startFakeModelServer, type ModelReply, type RecordedRequest } from '../../tests/support/fakes/model-server';
import { openInvitedInterview } from '../../tests/support/invited-interview';
import { freePort, startHostProcess } from '../../tests/support/processes';
import { startAzurite } from '../local-host/azurite';

/**
 * `npm run load`: a local host (SQLite, Azurite, the fake model server standing in for Azure OpenAI) under rising
 * concurrency for a bounded time per step, on the data API and on the interview turn; then faults injected into
 * the fake model (429, 500, hanging, cut stream), each turn retried once the model is healthy; invitations sent at
 * once, each queued email delivered exactly once; the database locked by another writer during a turn; Blob storage
 * down during resume uploads. Prints a table and the
 * fault checks; exits non-zero when a check fails. Traffic goes to 127.0.0.1 only. docs/reliability.md has results.
 */
const STEP_SECONDS = Number(process.argv.find((a) => a.startsWith('--seconds='))?.slice(10) ?? 5);
const CONCURRENCY = [1, 4, 16, 32];
const INVITATIONS = 40;
const RESUME_ANSWER = {
  ...EXPECTED,
  employment: EXPECTED.employment.map((job) => ({ ...job, description: null })),
  skills: EXPECTED.skills.map((skill_name) => ({ skill_name, skill_type: 'hard' })),
  summary: null,
};
const MODEL_REPLY: ModelReply = { type: 'stream', chunks: ['Thanks. ', 'Tell me ', 'about a ', 'project ', 'you led.'], firstTokenDelayMs: 20, chunkDelayMs: 2 };

interface Sample {
  ms: number;
  ok: boolean;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Runs `worker` in `concurrency` loops until the step's time is up; each call returns its samples. */
async function step(concurrency: number, worker: (deadline: number) => Promise<Sample[]>) {
  const started = performance.now();
  const deadline = started + STEP_SECONDS * 1000;
  const samples = (await Promise.all(Array.from({ length: concurrency }, () => worker(deadline)))).flat();
  const seconds = (performance.now() - started) / 1000;
  const times = samples.map((s) => s.ms).sort((a, b) => a - b);
  return { requests: samples.length, rps: Math.round((samples.length / seconds) * 10) / 10, p50: Math.round(percentile(times, 50)), p99: Math.round(percentile(times, 99)), errors: samples.filter((s) => !s.ok).length };
}

async function timed(request: () => Promise<Response>, ok: (r: Response) => Promise<boolean>): Promise<Sample> {
  const started = performance.now();
  try {
    const response = await request();
    const good = await ok(response);
    return { ms: performance.now() - started, ok: good };
  } catch {
    return { ms: performance.now() - started, ok: false };
  }
}

/** The SSE events of a turn, read to the end. */
async function turnEvents(response: Response): Promise<Array<{ event: string; data: Record<string, unknown> }>> {
  const text = await response.text();
  return text
    .split('\n\n')
    .map((block) => ({ event: /^event: (.+)$/m.exec(block)?.[1] ?? '', data: /^data: (.+)$/m.exec(block)?.[1] ?? '' }))
    .filter((e) => e.event)
    .map((e) => ({ event: e.event, data: JSON.parse(e.data) as Record<string, unknown> }));
}

async function main(): Promise<void> {
  const model = await startFakeModelServer();
  // Turns stream; a resume parse asks for one JSON answer: what the uploaded document says.
  const normalReply = (request: RecordedRequest): ModelReply => (request.body.stream ? MODEL_REPLY : { type: 'json', value: RESUME_ANSWER });
  model.setDefault(normalReply);
  const dataDir = mkdtempSync(join(tmpdir(), 'talenti-load-'));
  const port = await freePort();
  // The blob Azurite is started here (the host reuses it) so that it can be taken down and brought back.
  const blobPort = await freePort();
  const blobLocation = join(dataDir, 'azurite-blob');
  let azurite = await startAzurite({ service: 'blob', port: blobPort, location: blobLocation });
  const host = await startHostProcess(
    {
      DATA_DIR: dataDir,
      LOCAL_HOST_PORT: String(port),
      AZURITE_BLOB_PORT: String(blobPort),
      AI_PROVIDER: 'openai-compatible',
      OPENAI_COMPATIBLE_BASE_URL: `${model.url}/v1`,
      AI_MODEL: 'load-model',
      // A hanging model is given up after 2 s, twice: a failure the candidate sees within seconds.
      AI_TIMEOUT_SECONDS: '2',
      AI_MAX_ATTEMPTS: '2',
      AI_RETRY_BASE_MS: '50',
      // One client address sends everything: the limits are lifted, as in the test suite.
      RATE_LIMITS: JSON.stringify(Object.fromEntries(Object.entries(DEFAULT_RATE_LIMITS).map(([name, rule]) => [name, { ...rule, max: 1_000_000 }]))),
    },
    join(dataDir, 'host.log'),
  );
  const db = new Database(join(dataDir, 'talenti.sqlite'));
  db.pragma('busy_timeout = 5000');
  const failures: string[] = [];
  try {
    const keys = JSON.parse(readFileSync(join(dataDir, 'dev-issuer', 'signing-key.json'), 'utf8')) as DevKeys;
    const staff = await signDevToken(keys, devIssuerFor(port), { email: `load-${randomUUID().slice(0, 8)}@example.com` });
    const auth = { authorization: `Bearer ${staff}`, 'content-type': 'application/json' };
    await fetch(`${host.url}/api/me/account-type`, { method: 'PUT', headers: auth, body: JSON.stringify({ account_type: 'organisation' }) });
    const organisation = ((await (await fetch(`${host.url}/api/create-organisation`, { method: 'POST', headers: auth, body: JSON.stringify({ name: `Load ${randomUUID().slice(0, 8)}` }) })).json()) as { organisation: { id: string } }).organisation.id;
    const now = new Date().toISOString();
    const role = randomUUID();
    db.prepare(`insert into job_roles (id, organisation_id, title, status, requirements, interview_structure, created_at, updated_at) values (?, ?, 'Engineer', 'active', ?, ?, ?, ?)`).run(
      role, organisation, JSON.stringify({ skills: ['TypeScript', 'Azure', 'SQL'] }), JSON.stringify({ questions: Array.from({ length: 15 }, (_, i) => `Question ${i + 1}?`), duration_minutes: 15 }), now, now,
    );

    const newSession = () => openInvitedInterview(db, host.url, role, 'load');
    const turn = (token: string, message: string, clientTurnId: string) =>
      fetch(`${host.url}/api/ai-interviewer`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ message, clientTurnId }),
      });

    // Load: rising concurrency, a bounded time per step.
    const rows: Array<Record<string, string | number>> = [];
    for (const concurrency of CONCURRENCY) {
      const read = await step(concurrency, async (deadline) => {
        const samples: Sample[] = [];
        while (performance.now() < deadline) samples.push(await timed(() => fetch(`${host.url}/api/organisations/${organisation}/job-roles`, { headers: auth }), async (r) => (await r.text(), r.status === 200)));
        return samples;
      });
      rows.push({ scenario: 'data API: list job roles (GET)', concurrency, ...read });
      const write = await step(concurrency, async (deadline) => {
        const samples: Sample[] = [];
        while (performance.now() < deadline) {
          samples.push(await timed(() => fetch(`${host.url}/api/organisations/${organisation}/job-roles`, { method: 'POST', headers: auth, body: JSON.stringify({ title: `Load ${randomUUID().slice(0, 8)}` }) }), async (r) => (await r.text(), r.status === 201)));
        }
        return samples;
      });
      rows.push({ scenario: 'data API: create job role (POST)', concurrency, ...write });
      // Sessions are opened before the clock starts: redeeming is not the turn being measured.
      const ready = await Promise.all(Array.from({ length: concurrency }, newSession));
      const turns = await step(concurrency, async (deadline) => {
        const samples: Sample[] = [];
        let session = ready.pop() ?? (await newSession());
        for (let i = 0; performance.now() < deadline; i++) {
          let over = false;
          samples.push(await timed(() => turn(session.token, `I led project ${i} on Azure with TypeScript and SQL.`, `load-${i}`), async (r) => {
            const events = await turnEvents(r);
            over = events.some((e) => e.event === 'done' && e.data.interviewOver === true);
            return r.status === 200 && events.at(-1)?.event === 'done';
          }));
          if (over) session = await newSession();
        }
        return samples;
      });
      rows.push({ scenario: 'interview turn (SSE, to the last event)', concurrency, ...turns });
    }
    console.log(`\nLoad: ${STEP_SECONDS} s per step, local host on 127.0.0.1, fake model (20 ms to first token)\n`);
    console.table(rows);

    // Faults: the model answers 429, 500, hangs, or cuts its stream; each turn is then retried once it is healthy.
    // Each fault is served to every attempt the gateway makes (2 before the stream opens; none once text flowed).
    const faults: Array<[string, ModelReply[]]> = [
      ['model 429 (every attempt)', Array(2).fill({ type: 'status', status: 429, retryAfterSeconds: 0 })],
      ['model 500 (every attempt)', Array(2).fill({ type: 'status', status: 500 })],
      ['model hangs (every attempt)', Array(2).fill({ type: 'hang' })],
      ['stream cut after 2 tokens', [{ ...MODEL_REPLY, failAfter: 2 } as ModelReply]],
    ];
    const faultRows: Array<Record<string, string | number | boolean>> = [];
    for (const [name, replies] of faults) {
      const session = await newSession();
      const clientTurnId = `fault-${randomUUID().slice(0, 8)}`;
      const message = `My answer while the ${name}.`;
      // Served only to this turn's requests: the scoring of interviews the load ended calls the model meanwhile, and a
      // shared queue let it take the fault meant for the turn.
      const faulty = [...replies];
      model.setDefault((request) => (request.body.messages.some((m) => m.content.includes(message)) ? (faulty.shift() ?? normalReply(request)) : normalReply(request)));
      const started = performance.now();
      const response = await turn(session.token, message, clientTurnId);
      const events = response.headers.get('content-type')?.startsWith('text/event-stream') ? await turnEvents(response) : [];
      const problem = events.find((e) => e.event === 'error')?.data ?? (response.status >= 400 ? ((await response.json()) as Record<string, unknown>) : null);
      const clear = problem !== null && typeof problem.status === 'number' && problem.status >= 500 && typeof problem.detail === 'string';
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      const retried = await turnEvents(await turn(session.token, message, clientTurnId));
      const stored = db.prepare(`select count(*) as n from transcript_segments where interview_id = ? and client_turn_id = ? and speaker = 'candidate' and content = ?`).get(session.interviewId, clientTurnId, message) as { n: number };
      const kept = stored.n === 1 && retried.at(-1)?.event === 'done';
      faultRows.push({ fault: name, status: Number(problem?.status ?? response.status), error: String(problem?.title ?? 'none'), seconds, clear_error: clear, nothing_lost: kept });
      if (!clear) failures.push(`${name}: no clear error (${JSON.stringify(problem)})`);
      if (!kept) failures.push(`${name}: the candidate's answer is not in the transcript exactly once after the retry (${stored.n} stored; retry ended ${JSON.stringify(retried.at(-1))})`);
    }

    // The database busy: another writer holds it past the host's busy timeout while a candidate answers. The turn
    // is a clear 503 to retry; the retry (same turn id) stores the answer once.
    {
      const session = await newSession();
      const clientTurnId = `busy-${randomUUID().slice(0, 8)}`;
      const message = 'My answer while the database is locked.';
      const started = performance.now();
      db.exec('BEGIN IMMEDIATE');
      let response: Response;
      try {
        response = await turn(session.token, message, clientTurnId);
      } finally {
        db.exec('ROLLBACK');
      }
      const problem = response.headers.get('content-type')?.startsWith('application/problem+json') ? ((await response.json()) as Record<string, unknown>) : { status: response.status, body: await response.text() };
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      const clear = response.status === 503 && Number(response.headers.get('retry-after')) > 0 && /database is busy/.test(String(problem.detail));
      const retried = await turnEvents(await turn(session.token, message, clientTurnId));
      const stored = db.prepare(`select count(*) as n from transcript_segments where interview_id = ? and client_turn_id = ? and speaker = 'candidate' and content = ?`).get(session.interviewId, clientTurnId, message) as { n: number };
      const kept = stored.n === 1 && retried.at(-1)?.event === 'done';
      faultRows.push({ fault: 'database locked by another writer (turn)', status: response.status, error: String(problem.title ?? 'none'), seconds, clear_error: clear, nothing_lost: kept });
      if (!clear) failures.push(`database busy: no clear 503 (${JSON.stringify(problem)})`);
      if (!kept) failures.push(`database busy: the answer is not in the transcript exactly once after the retry (${stored.n} stored)`);
    }

    // Invitations sent at once, each request also repeated with its idempotency key: every queued email is
    // delivered once, counted by outbox id in the local mailbox folder.
    const invited = await Promise.all(Array.from({ length: INVITATIONS }, async (_, i) => {
      const user = randomUUID();
      const application = randomUUID();
      db.prepare(`insert into users (id, issuer, subject, created_at, last_sign_in_at) values (?, 'load', ?, ?, ?)`).run(user, user, now, now);
      db.prepare(`insert into applications (id, candidate_id, job_role_id, status, created_at, updated_at) values (?, ?, ?, 'applied', ?, ?)`).run(application, user, role, now, now);
      const send = () => fetch(`${host.url}/api/send-invitation`, { method: 'POST', headers: { ...auth, 'idempotency-key': `load-${application}` }, body: JSON.stringify({ applicationId: application, candidateEmail: `invitee-${i}-${user.slice(0, 8)}@example.com` }) });
      const statuses = [(await send()).status, (await send()).status];
      return { application, statuses };
    }));
    const outboxIds = (db.prepare(`select o.id from email_outbox o join invitations i on i.id = o.invitation_id where i.application_id in (${invited.map(() => '?').join(',')})`).all(...invited.map((x) => x.application)) as Array<{ id: string }>).map((r) => r.id);
    const mailbox = join(dataDir, 'mailbox');
    const deliveries = () => {
      const files = existsSync(mailbox) ? readdirSync(mailbox).filter((f) => f.endsWith('.json')) : [];
      return outboxIds.map((id) => files.filter((f) => f.endsWith(`-${id}.json`)).length);
    };
    for (let waited = 0; waited < 30_000 && deliveries().some((n) => n === 0); waited += 250) await new Promise((r) => setTimeout(r, 250));
    // A moment more: a second delivery of an email would land after the first.
    await new Promise((r) => setTimeout(r, 2000));
    const counts = deliveries();
    const accepted = invited.filter((x) => x.statuses.every((status) => status === 201)).length;
    const once = outboxIds.length === INVITATIONS && counts.every((n) => n === 1);
    faultRows.push({ fault: `${INVITATIONS} invitations at once, each sent twice (same key)`, status: 201, error: `${accepted} accepted, ${outboxIds.length} queued`, seconds: 0, clear_error: accepted === INVITATIONS, nothing_lost: once });
    if (accepted !== INVITATIONS) failures.push(`invitations: ${INVITATIONS - accepted} request(s) not answered 201 (${JSON.stringify(invited.map((x) => x.statuses))})`);
    if (!once) failures.push(`invitations: ${outboxIds.length} emails queued for ${INVITATIONS}; delivered per email ${JSON.stringify(counts)} (each must be 1)`);

    // Blob storage down: a resume upload is a clear 503 and stores nothing; once Blob is back the same upload works.
    const resume = await resumePdf();
    const upload = async () => {
      const token = await signDevToken(keys, devIssuerFor(port), { email: `blob-${randomUUID().slice(0, 8)}@example.com` });
      const user = ((await (await fetch(`${host.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as { user: { id: string } }).user.id;
      const form = new FormData();
      form.append('file', new Blob([resume], { type: 'application/pdf' }), 'resume.pdf');
      const started = performance.now();
      const response = await fetch(`${host.url}/api/parse-resume`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      const body = (await response.json()) as Record<string, unknown>;
      const profiles = (db.prepare('select count(*) as n from candidate_profiles where user_id = ?').get(user) as { n: number }).n;
      return { response, body, profiles, seconds: Math.round((performance.now() - started) / 100) / 10 };
    };
    await azurite.stop();
    const down = await upload();
    azurite = await startAzurite({ service: 'blob', port: blobPort, location: blobLocation });
    const back = await upload();
    const clearBlob = down.response.status === 503 && Number(down.response.headers.get('retry-after')) > 0 && /Blob storage/.test(String(down.body.detail));
    const keptBlob = down.profiles === 0 && back.response.status === 200 && back.profiles === 1;
    faultRows.push({ fault: 'Blob storage down (resume upload)', status: down.response.status, error: String(down.body.title ?? 'none'), seconds: down.seconds, clear_error: clearBlob, nothing_lost: keptBlob });
    if (!clearBlob) failures.push(`Blob down: no clear 503 (${down.response.status} ${JSON.stringify(down.body)})`);
    if (!keptBlob) failures.push(`Blob down: ${down.profiles} profile(s) stored from the refused upload; after Blob came back ${back.response.status} with ${back.profiles} profile(s)`);

    console.log('\nFaults\n');
    console.table(faultRows);
  } finally {
    db.close();
    await host.stop();
    await azurite.stop();
    await model.close();
  }
  if (failures.length > 0) {
    console.error(`\n${failures.length} check(s) failed:\n${failures.join('\n')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
