import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadOrCreateDevKeys, signDevToken } from '../shared/auth/dev-issuer';
import { applyLocalSettingsFile, settingsFromEnvironment } from '../shared/config/environment';

/**
 * `npm run demo`: the whole product flow against the local stack with the offline AI provider. A recruiter
 * creates an organisation and a role, extracts its requirements and opens it; a candidate fills a profile and
 * applies; the recruiter shortlists and invites; the invitation email lands in the local mailbox; the candidate
 * redeems it, consents and talks with the interviewer (streamed); the interview is scored with verified evidence.
 * Then the portal path (an invite to a new address, sign-up, start from the portal, hang up, feedback) and a
 * practice interview.
 * Uses a running `npm start` when there is one, else starts the stack for the run. `--calls` runs the recorded
 * interview of demo-calls.ts instead.
 */
const JOB_DESCRIPTION = `Senior Backend Engineer, Sydney (hybrid).
- Build and run REST APIs in TypeScript and Node.js on Azure Functions
- Design data models in SQL Server and keep them fast
- Mentor engineers and review code
You have 5+ years of backend experience, strong SQL and Azure skills, and a degree in Computer Science or similar.`;

const ANSWERS = [
  "I'm a backend engineer with seven years of experience, most recently building payment APIs in TypeScript and Node.js on Azure.",
  'I designed a REST API on Azure Functions that handles two million requests a day, and moved our SQL Server queries onto proper indexes, which cut latency by 60 percent.',
  'I mentor two junior engineers: we pair weekly and I review their code with written feedback.',
  'When a release broke checkout, I led the rollback, wrote the incident review and added contract tests so it could not happen again.',
  'I care about clear communication and ownership, which matches how your team describes its values.',
  'I would start by learning the codebase and shipping a small improvement in the first month.',
  'Thank you, I enjoyed the conversation.',
];

export interface DemoOptions {
  baseUrl: string;
  dataDir: string;
  issuerPort: number;
  log(line: string): void;
  /** The interviewer's words as they stream in. */
  write(text: string): void;
  /** Sees every request the demo sends (tests check each against the API's own schemas). */
  onRequest?(request: DemoRequest): void;
}

export interface DemoRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  json?: unknown;
}

type Json = Record<string, unknown>;

/** Set by each demo's run: where every request is reported before it is sent. */
let observe: (request: DemoRequest) => void = () => undefined;

export function observeRequests(onRequest: ((request: DemoRequest) => void) | undefined): void {
  observe = onRequest ?? (() => undefined);
}

export async function call(base: string, path: string, init: { method?: string; token?: string; json?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  observe({ method: init.method ?? 'GET', path, headers, json: init.json });
  const response = await fetch(`${base}${path}`, { method: init.method ?? 'GET', headers, body: init.json === undefined ? undefined : JSON.stringify(init.json) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status}: ${text}`);
  return { body: (text ? JSON.parse(text) : {}) as Json, etag: response.headers.get('etag') ?? '' };
}

/** Reads one streamed interviewer turn, printing it as it arrives. */
export async function streamTurn(base: string, sessionToken: string, message: string, clientTurnId: string, print: (text: string) => void): Promise<Json> {
  const headers = { authorization: `Bearer ${sessionToken}`, 'content-type': 'application/json', accept: 'text/event-stream' };
  observe({ method: 'POST', path: '/api/ai-interviewer', headers, json: { message, clientTurnId } });
  const response = await fetch(`${base}/api/ai-interviewer`, { method: 'POST', headers, body: JSON.stringify({ message, clientTurnId }) });
  if (!response.ok) throw new Error(`ai-interviewer answered ${response.status}: ${await response.text()}`);
  let buffer = '';
  let done: Json | null = null;
  const decoder = new TextDecoder();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.+)$/m.exec(block)?.[1];
      const data = JSON.parse(/^data: (.+)$/m.exec(block)?.[1] ?? '{}') as Json;
      if (event === 'delta') print(String(data.text));
      if (event === 'done') done = data;
      if (event === 'error') throw new Error(`the interviewer failed: ${JSON.stringify(data)}`);
    }
  }
  if (!done) throw new Error('the stream ended without a done event');
  return done;
}

/** The invitation link from the newest local-mailbox email to this address; the queue function sends it within seconds. */
async function invitationTokenFromMailbox(dataDir: string, to: string): Promise<string> {
  const directory = join(dataDir, 'mailbox');
  for (let waited = 0; waited <= 15_000; waited += 200) {
    const emails = existsSync(directory) ? readdirSync(directory).filter((f) => f.endsWith('.json')).sort().reverse() : [];
    for (const file of emails) {
      const email = JSON.parse(readFileSync(join(directory, file), 'utf8')) as { to: string; text: string };
      if (email.to !== to) continue;
      const token = /\/invite\/([A-Za-z0-9_-]{20,})/.exec(email.text)?.[1];
      if (token) return token;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no invitation email to ${to} in ${directory}`);
}

/** Steps 1–4 of every demo: the recruiter signs up for an organisation and opens a role with extracted requirements. */
export async function openRole(base: string, recruiter: string, run: string, log: (line: string) => void): Promise<Json> {
  await call(base, '/api/me/account-type', { method: 'PUT', token: recruiter, json: { account_type: 'organisation' } });
  const organisation = (await call(base, '/api/create-organisation', { method: 'POST', token: recruiter, json: { name: `Demo Recruiting ${run}`, industry: 'Software' } })).body.organisation as Json;
  log(`1. Signed up for an organisation; organisation "${organisation.name}" created; you are its admin.`);
  const role = (await call(base, `/api/organisations/${organisation.id}/job-roles`, { method: 'POST', token: recruiter, json: { title: 'Senior Backend Engineer', description: JOB_DESCRIPTION, location: 'Sydney NSW', work_type: 'hybrid', employment_type: 'full_time' } })).body.job_role as Json;
  log(`2. Draft role "${role.title}" created.`);
  const extracted = await call(base, '/api/extract-requirements', { method: 'POST', token: recruiter, json: { jobDescription: JOB_DESCRIPTION, jobTitle: role.title, roleId: role.id } });
  const requirements = extracted.body.requirements as { skills: string[]; interviewQuestions: string[] };
  log(`3. Requirements extracted (${extracted.body.provider}): skills ${requirements.skills.join(', ')}; ${requirements.interviewQuestions.length} interview questions saved to the role.`);
  await call(base, `/api/job-roles/${role.id}/status`, { method: 'POST', token: recruiter, json: { status: 'active' }, headers: { 'if-match': extracted.etag } });
  log('4. Role opened (draft → active).');
  return role;
}

export async function runDemo(options: DemoOptions): Promise<{ interviewId: string; overallScore: unknown; turns: number }> {
  const { baseUrl: base, log } = options;
  observeRequests(options.onRequest);
  const keys = await loadOrCreateDevKeys(options.dataDir);
  const { devIssuerFor } = await import('../shared/config/settings');
  const issuer = devIssuerFor(options.issuerPort);
  const run = Date.now().toString(36);
  const recruiter = await signDevToken(keys, issuer, { email: `recruiter-${run}@demo.example`, name: 'Riley Recruiter' });
  const candidateEmail = `candidate-${run}@demo.example`;
  const candidate = await signDevToken(keys, issuer, { email: candidateEmail, name: 'Casey Candidate' });

  const role = await openRole(base, recruiter, run, log);

  await call(base, '/api/candidate/profile', {
    method: 'PUT',
    token: candidate,
    json: { first_name: 'Casey', last_name: 'Candidate', email: candidateEmail, suburb: 'Newtown', state: 'NSW', postcode: '2042', work_mode: 'hybrid', availability: 'immediate', work_rights: 'citizen' },
  });
  for (const skill of ['TypeScript', 'Node.js', 'Azure', 'SQL']) await call(base, '/api/candidate/skills', { method: 'POST', token: candidate, json: { skill_name: skill, skill_type: 'hard' } });
  const application = (await call(base, `/api/job-roles/${role.id}/applications`, { method: 'POST', token: candidate })).body.application as Json;
  log('5. The candidate filled in a profile and applied.');
  const shortlist = (await call(base, '/api/generate-shortlist', { method: 'POST', token: recruiter, json: { roleId: role.id } })).body as { matches: Array<{ matchScore: number; matchReasons: string[] }> };
  log(`6. Shortlist: match score ${shortlist.matches[0]?.matchScore} (${shortlist.matches[0]?.matchReasons[0] ?? ''}).`);

  const invitation = (await call(base, '/api/send-invitation', { method: 'POST', token: recruiter, json: { applicationId: application.id }, headers: { 'idempotency-key': `demo-${run}` } })).body;
  const invitationToken = await invitationTokenFromMailbox(options.dataDir, candidateEmail);
  log(`7. Invitation ${invitation.invitationId} sent; the email is in ${join(options.dataDir, 'mailbox')}.`);

  const redemption = (await call(base, '/api/invitations/redeem', { method: 'POST', json: { token: invitationToken } })).body as { session_token: string; interview: { id: string }; lobby: { consent: { policy_version: string }; question_count: number } };
  await call(base, '/api/interview-session/consent', { method: 'POST', token: redemption.session_token, json: { policy_version: redemption.lobby.consent.policy_version, ai_processing: true, recording: false } });
  log(`8. The candidate opened the link and consented; ${redemption.lobby.question_count} questions planned.`);

  log('9. Interview (streamed):');
  let result = await streamTurn(base, redemption.session_token, '', 'turn-0', options.write);
  let turns = 1;
  for (const answer of ANSWERS) {
    if (result.interviewOver) break;
    log(`\n   Candidate: ${answer}`);
    options.write('   Interviewer: ');
    result = await streamTurn(base, redemption.session_token, answer, `turn-${turns}`, options.write);
    turns += 1;
  }
  log(`\n   The interview is over after ${turns} turns.`);

  const scored = (await call(base, '/api/score-interview', { method: 'POST', token: recruiter, json: { interviewId: redemption.interview.id } })).body as { overall_score: unknown; dimensions: Array<{ dimension: string; score: number; cited_quotes: string[] }> };
  log(`10. Scored: overall ${scored.overall_score}. ${scored.dimensions.filter((d) => d.cited_quotes.length > 0).length} of ${scored.dimensions.length} dimensions backed by quotes verified against the candidate's own words.`);

  await portalPath(options, recruiter, String(role.id), run);

  const practice = (await call(base, '/api/candidate/practice-interviews', { method: 'POST', token: candidate, json: { sample_role_type: 'software_engineer' } })).body as { practice_interview: { id: string }; session_token: string };
  log('12. Practice interview (the candidate, signed in, no organisation):');
  options.write('   Interviewer: ');
  await streamTurn(base, practice.session_token, '', 'practice-0', options.write);
  log(`\n   Candidate: ${ANSWERS[0]}`);
  options.write('   Interviewer: ');
  await streamTurn(base, practice.session_token, ANSWERS[0] ?? '', 'practice-1', options.write);
  const ended = (await call(base, '/api/interview-session/end', { method: 'POST', token: practice.session_token, json: { reason: 'candidate_hung_up' } })).body as { interview: { scoring: string } };
  const feedback = ((await call(base, `/api/candidate/practice-interviews/${practice.practice_interview.id}`, { token: candidate })).body as { practice_interview: { feedback: { overall_score?: unknown; candidate_feedback?: string } } }).practice_interview.feedback;
  log(`\n   Hung up; practice feedback ${ended.interview.scoring}: overall ${feedback.overall_score}. ${feedback.candidate_feedback ?? ''}`);
  return { interviewId: redemption.interview.id, overallScore: scored.overall_score, turns };
}

/** Scoring runs from the queue after the interview ends: read the candidate's feedback until it is there. */
async function feedbackOnceScored(base: string, sessionToken: string): Promise<{ scoring: string; feedback: string | null }> {
  for (let attempt = 0; ; attempt += 1) {
    const feedback = (await call(base, '/api/interview-session/feedback', { token: sessionToken })).body as { scoring: string; feedback: string | null };
    if (!['queued', 'running'].includes(feedback.scoring) || attempt >= 100) return feedback;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export interface PortalStart {
  me: { kind: string; account_type: string | null };
  invitations: Array<{ id: string; role_title: string; organisation_name: string; expires_at: string }>;
  invitation: { id: string; role_title: string; organisation_name: string; expires_at: string };
  session: { session_token: string; interview: { id: string }; lobby: { consent: { policy_version: string } } };
}

/**
 * The recruiter invites an address nobody has signed up with; that person signs up (a token from the local
 * issuer), says they came as a candidate, finds the invitation in the portal and starts the interview from there.
 */
export async function startFromPortal(options: Pick<DemoOptions, 'baseUrl' | 'dataDir' | 'issuerPort'>, recruiter: string, roleId: string, email: string, name: string, idempotencyKey: string): Promise<PortalStart> {
  const base = options.baseUrl;
  await call(base, `/api/job-roles/${roleId}/invitations`, { method: 'POST', token: recruiter, json: { email, name }, headers: { 'idempotency-key': idempotencyKey } });
  const keys = await loadOrCreateDevKeys(options.dataDir);
  const { devIssuerFor } = await import('../shared/config/settings');
  const candidate = await signDevToken(keys, devIssuerFor(options.issuerPort), { email, name });
  const me = (await call(base, '/api/me', { token: candidate })).body as PortalStart['me'];
  await call(base, '/api/me/account-type', { method: 'PUT', token: candidate, json: { account_type: 'candidate' } });
  const invitations = ((await call(base, '/api/candidate/invitations', { token: candidate })).body as { items: PortalStart['invitations'] }).items;
  const invitation = invitations[0];
  if (!invitation) throw new Error('The portal lists no invitation for the invited address.');
  const session = (await call(base, `/api/candidate/invitations/${invitation.id}/start`, { method: 'POST', token: candidate })).body as PortalStart['session'];
  return { me, invitations, invitation, session };
}

/** The candidate portal: started from there (no link), answers once, hangs up early, reads the feedback written for them. */
async function portalPath(options: DemoOptions, recruiter: string, roleId: string, run: string): Promise<void> {
  const { baseUrl: base, log } = options;
  const email = `newcomer-${run}@demo.example`;
  const { me, invitations, invitation, session } = await startFromPortal(options, recruiter, roleId, email, 'Noor Newcomer', `demo-portal-${run}`);
  log(`11. Portal: ${email} was invited by email before having an account, signed up (kind ${me.kind}, no account type yet) and chose "candidate".`);
  log(`    Their portal lists ${invitations.length} invitation: "${invitation.role_title}" at ${invitation.organisation_name}, open until ${invitation.expires_at}.`);
  await call(base, '/api/interview-session/consent', { method: 'POST', token: session.session_token, json: { policy_version: session.lobby.consent.policy_version, ai_processing: true, recording: false } });
  options.write('    Interviewer: ');
  await streamTurn(base, session.session_token, '', 'portal-0', options.write);
  log(`\n    Candidate: ${ANSWERS[1]}`);
  options.write('    Interviewer: ');
  await streamTurn(base, session.session_token, ANSWERS[1] ?? '', 'portal-1', options.write);
  const ended = (await call(base, '/api/interview-session/end', { method: 'POST', token: session.session_token, json: { reason: 'candidate_hung_up' } })).body as { interview: { end_reason: string } };
  const feedback = await feedbackOnceScored(base, session.session_token);
  log(`\n    Started from the portal, hung up early (${ended.interview.end_reason}); portal feedback ${feedback.scoring}: ${feedback.feedback ?? ''}`);
}

async function reachable(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/api/health`)).ok;
  } catch {
    return false;
  }
}

/** `npm run demo -- --calls`: a recorded interview, on a stack of its own pointed at local fakes of Communication Services. */
async function mainCalls(dataDir: string): Promise<void> {
  const { runCallsDemo, startCallsStack } = await import('./demo-calls');
  mkdirSync(dataDir, { recursive: true });
  console.log(`Starting a local stack pointed at fakes of Communication Services (data in ${dataDir})...`);
  const stack = await startCallsStack(dataDir);
  try {
    await runCallsDemo({ baseUrl: stack.url, dataDir, issuerPort: stack.issuerPort, acs: stack.acs, log: (line) => console.log(line), write: (text) => process.stdout.write(text) });
  } finally {
    await stack.stop();
  }
}

async function main(): Promise<void> {
  applyLocalSettingsFile();
  const settings = settingsFromEnvironment();
  if (settings.environment !== 'local') throw new Error('The demo runs against the local stack only.');
  if (process.argv.includes('--calls')) return mainCalls(join(settings.dataDir, 'calls-demo'));
  const baseUrl = `http://127.0.0.1:${settings.localHost.port}`;
  let stack: ReturnType<typeof spawn> | undefined;
  if (!(await reachable(baseUrl))) {
    console.log('Starting the local stack for the demo...');
    stack = spawn(process.execPath, [join(__dirname, 'start.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      stack?.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready ') && resolve());
      stack?.once('exit', (code) => reject(new Error(`npm start exited with ${code}`)));
    });
  }
  try {
    await runDemo({ baseUrl, dataDir: settings.dataDir, issuerPort: settings.localHost.port, log: (line) => console.log(line), write: (text) => process.stdout.write(text) });
  } finally {
    stack?.kill('SIGTERM');
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
