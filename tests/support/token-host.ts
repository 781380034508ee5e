import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signDevToken, type DevKeys } from '../../shared/auth/dev-issuer';
import { devIssuerFor, loadSettings } from '../../shared/config/settings';
import { SessionTokens } from '../../shared/interviews/session/session-tokens';
import { freePort, startHostProcess, type HostProcess } from './processes';
import { chooseOrganisationAccount, type ApiResponse } from './api';

/** Generous limits, so these tests exercise the tokens and not the rate limiter (which has its own test). */
const RAISED_RATE_LIMITS = JSON.stringify({
  'azure-speech-token': { windowSeconds: 60, max: 1000, keys: ['user'] },
  'acs-token-generator': { windowSeconds: 60, max: 1000, keys: ['ip'] },
});

/**
 * A second local host with its own data folder, pointed at local fakes of the cloud services, logging at debug
 * level into a file the tests read back (to prove no key ever lands in it).
 */
export interface TokenHost {
  url: string;
  logFile: string;
  tokenFor(email: string): Promise<string>;
  call<T = Record<string, unknown>>(path: string, init?: { method?: string; token?: string; json?: unknown }): Promise<ApiResponse<T>>;
  /** A signed-in user, provisioned through /api/me. */
  user(prefix: string): Promise<{ id: string; token: string }>;
  /** An interview of an application of `candidateId` with a live session, and its session token. */
  session(candidateId: string, organisationToken: string): Promise<{ token: string; interviewId: string }>;
  db(): Database.Database;
  log(): string;
  /** Stops the host and starts it again on the same data folder and port (nothing kept in memory survives). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTokenHost(env: Record<string, string>): Promise<TokenHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'talenti-tokens-'));
  const port = await freePort();
  const logFile = join(dataDir, 'host.log');
  const hostEnv = { DATA_DIR: dataDir, LOCAL_HOST_PORT: String(port), AZURITE_BLOB_PORT: String(await freePort()), LOG_LEVEL: 'debug', RATE_LIMITS: RAISED_RATE_LIMITS, ...env };
  let host: HostProcess = await startHostProcess(hostEnv, logFile);
  const keys = JSON.parse(readFileSync(join(dataDir, 'dev-issuer', 'signing-key.json'), 'utf8')) as DevKeys;
  let database: Database.Database | undefined;
  const db = () => {
    database ??= new Database(join(dataDir, 'talenti.sqlite'));
    database.pragma('busy_timeout = 5000');
    return database;
  };

  const call: TokenHost['call'] = async (path, init = {}) => {
    const headers: Record<string, string> = {};
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${host.url}${path}`, { method: init.method ?? 'GET', headers, body: init.json === undefined ? undefined : JSON.stringify(init.json) });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: response.status, headers: response.headers, body: body as never, text };
  };
  const tokenFor = (email: string) => signDevToken(keys, devIssuerFor(port), { email });

  return {
    url: host.url,
    logFile,
    tokenFor,
    call,
    user: async (prefix) => {
      const token = await tokenFor(`${prefix}-${randomUUID().slice(0, 8)}@example.com`);
      const me = await call<{ user: { id: string } }>('/api/me', { token });
      if (me.status !== 200) throw new Error(`provisioning failed: ${me.status} ${me.text}`);
      return { id: me.body.user.id, token };
    },
    session: async (candidateId, organisationToken) => {
      await chooseOrganisationAccount(organisationToken, host.url);
      const created = await call<{ organisation: { id: string } }>('/api/create-organisation', { method: 'POST', token: organisationToken, json: { name: `Org ${randomUUID().slice(0, 8)}` } });
      if (created.status !== 201) throw new Error(`create-organisation failed: ${created.status} ${created.text}`);
      const now = new Date().toISOString();
      const [roleId, applicationId, interviewId, sessionId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      const sqlite = db();
      sqlite.prepare(`insert into job_roles (id, organisation_id, title, status, created_at, updated_at) values (?, ?, 'Engineer', 'active', ?, ?)`).run(roleId, created.body.organisation.id, now, now);
      sqlite.prepare(`insert into applications (id, candidate_id, job_role_id, status, created_at, updated_at) values (?, ?, ?, 'invited', ?, ?)`).run(applicationId, candidateId, roleId, now, now);
      sqlite.prepare(`insert into interviews (id, application_id, status, created_at, updated_at) values (?, ?, 'in_progress', ?, ?)`).run(interviewId, applicationId, now, now);
      sqlite.prepare(`insert into interview_sessions (id, interview_id, expires_at, created_at) values (?, ?, ?, ?)`).run(sessionId, interviewId, new Date(Date.now() + 3600_000).toISOString(), now);
      const { secret } = loadSettings({}).interviewSessions;
      const { token } = await new SessionTokens(secret, 3600).issue({ kind: 'interview', session_id: sessionId, interview_id: interviewId });
      return { token, interviewId };
    },
    db,
    log: () => readFileSync(logFile, 'utf8'),
    restart: async () => {
      await host.stop();
      host = await startHostProcess(hostEnv, logFile);
    },
    stop: async () => {
      database?.close();
      await host.stop();
    },
  };
}
