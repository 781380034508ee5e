import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Communication Services Identity REST API (api-version 2023-10-01), as
 * @azure/communication-identity calls it: `POST /identities`, `POST /identities/{id}/:issueAccessToken`,
 * `DELETE /identities/{id}`. Every request must carry the HMAC-SHA256 signature @azure/communication-common makes
 * with the access key: `VERB\n<path and query>\n<x-ms-date>;<host>;<x-ms-content-sha256>`.
 */
export interface IssuedAcsToken {
  identity: string;
  scopes: string[];
  expiresInMinutes: number | undefined;
}

export interface FakeAcsIdentityServer {
  url: string;
  accessKey: string;
  connectionString: string;
  /** Identities that exist (created and not deleted). */
  identities: Set<string>;
  created: number;
  deleted: number;
  tokens: IssuedAcsToken[];
  /** Requests refused for a missing or wrong signature. */
  rejected: number;
  /** The next requests get these statuses instead of an answer. */
  failNext(...statuses: number[]): void;
  /** Identity creation waits this long (to make concurrent first calls overlap). */
  setCreateDelayMs(ms: number): void;
  close(): Promise<void>;
}

const API_VERSION = '2023-10-01';
const MAX_CLOCK_SKEW_MS = 15 * 60_000;
const SCOPES = new Set(['chat', 'voip', 'chat.join', 'chat.join.limited', 'voip.join']);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function error(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code, message } }));
}

export function signatureIsValid(req: IncomingMessage, body: string, key: Buffer): boolean {
  const date = req.headers['x-ms-date'];
  const contentHash = req.headers['x-ms-content-sha256'];
  // Call Automation signs recording requests for the resource endpoint and names it in x-ms-host.
  const signedHost = req.headers['x-ms-host'];
  const host = typeof signedHost === 'string' ? signedHost : req.headers.host;
  const match = /^HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=(.+)$/.exec(req.headers.authorization ?? '');
  if (typeof date !== 'string' || typeof contentHash !== 'string' || !host || !match?.[1]) return false;
  if (!(Math.abs(Date.now() - Date.parse(date)) <= MAX_CLOCK_SKEW_MS)) return false;
  if (contentHash !== createHash('sha256').update(body).digest('base64')) return false;
  const url = new URL(req.url ?? '/', `http://${host}`);
  const query = url.searchParams.toString();
  const stringToSign = `${req.method}\n${query ? `${url.pathname}?${query}` : url.pathname}\n${date};${host};${contentHash}`;
  const expected = createHmac('sha256', key).update(stringToSign).digest();
  const given = Buffer.from(match[1], 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * More Communication Services APIs on the same resource (same endpoint and access key): each answers the signed
 * requests it serves and returns true, or returns false to leave them to the next.
 */
export type FakeAcsApi = (req: IncomingMessage, url: URL, body: string, res: ServerResponse) => boolean;

/** Runs an API's answer; true says that API served the request. */
export function answered(answer: () => unknown): true {
  answer();
  return true;
}

export async function startFakeAcsIdentityServer(apis: FakeAcsApi[] = []): Promise<FakeAcsIdentityServer> {
  const key = randomBytes(64);
  const resourceId = randomUUID();
  const failures: number[] = [];
  let createDelayMs = 0;
  const state = { created: 0, deleted: 0, rejected: 0 };
  const identities = new Set<string>();
  const tokens: IssuedAcsToken[] = [];

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    if (!signatureIsValid(req, body, key)) {
      state.rejected += 1;
      return error(res, 401, 'Denied', 'Denied by the resource provider.');
    }
    const url = new URL(req.url ?? '/', 'http://x');
    if (apis.some((api) => api(req, url, body, res))) return;
    if (url.searchParams.get('api-version') !== API_VERSION) return error(res, 400, 'BadRequest', 'Unsupported api-version.');
    const failure = failures.shift();
    if (failure) return error(res, failure, 'Scripted', `scripted failure ${failure}`);
    const parsed = body ? (JSON.parse(body) as { scopes?: unknown; expiresInMinutes?: unknown }) : {};
    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);

    if (req.method === 'POST' && segments.length === 1 && segments[0] === 'identities') {
      if (createDelayMs) await sleep(createDelayMs);
      const id = `8:acs:${resourceId}_${randomUUID()}`;
      identities.add(id);
      state.created += 1;
      return void res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ identity: { id } }));
    }
    const id = segments[1];
    if (segments[0] !== 'identities' || !id) return error(res, 404, 'NotFound', 'No such operation.');
    if (!identities.has(id)) return error(res, 404, 'IdentityNotFound', 'The identity does not exist.');
    if (req.method === 'DELETE' && segments.length === 2) {
      identities.delete(id);
      state.deleted += 1;
      return void res.writeHead(204).end();
    }
    if (req.method === 'POST' && segments.length === 3 && segments[2] === ':issueAccessToken') {
      const scopes = parsed.scopes;
      const minutes = parsed.expiresInMinutes;
      if (!Array.isArray(scopes) || scopes.length === 0 || !scopes.every((s) => typeof s === 'string' && SCOPES.has(s))) {
        return error(res, 400, 'InvalidScopes', 'Scopes must be a non-empty list of known scopes.');
      }
      if (minutes !== undefined && !(typeof minutes === 'number' && minutes >= 60 && minutes <= 1440)) {
        return error(res, 400, 'InvalidExpiry', 'expiresInMinutes must be between 60 and 1440.');
      }
      tokens.push({ identity: id, scopes: scopes as string[], expiresInMinutes: minutes });
      const expiresOn = new Date(Date.now() + (minutes ?? 1440) * 60_000).toISOString();
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: `acs-token-${randomUUID()}`, expiresOn }));
    }
    return error(res, 404, 'NotFound', 'No such operation.');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    accessKey: key.toString('base64'),
    connectionString: `endpoint=${url};accesskey=${key.toString('base64')}`,
    identities,
    get created() {
      return state.created;
    },
    get deleted() {
      return state.deleted;
    },
    get rejected() {
      return state.rejected;
    },
    tokens,
    failNext: (...statuses) => void failures.push(...statuses),
    setCreateDelayMs: (ms) => void (createDelayMs = ms),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
