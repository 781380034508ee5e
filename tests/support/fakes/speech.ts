import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Azure Speech speaking its REST protocol: the STS (`POST /sts/v1.0/issueToken` with
 * `Ocp-Apim-Subscription-Key`, answering a JWT as text) and the avatar relay token
 * (`GET /tts/cognitiveservices/avatar/relay/token/v1`, answering `{Urls, Username, Password}`), as a resource's
 * custom-domain endpoint serves them. Each key (or Entra resource id) belongs to one region, as in Azure.
 */
export interface FakeSpeechOptions {
  /** Subscription key → region of its resource. */
  keys: Record<string, string>;
  /** Resource id → region, for `Authorization: Bearer aad#<resource id>#<Entra token>`. */
  resourceIds?: Record<string, string>;
  /** Whether an Entra token (the part after the second #) is one the identity fake issued. */
  acceptEntraToken?: (token: string) => boolean;
}

export interface SpeechCall {
  kind: 'sts' | 'relay';
  region: string;
}

export interface FakeSpeechServer {
  url: string;
  calls: SpeechCall[];
  count(kind: SpeechCall['kind'], region?: string): number;
  /** Lifetime (exp − now) of the STS tokens issued from now on. */
  setTokenLifetimeSeconds(seconds: number): void;
  /** The next calls of this kind get these statuses instead of an answer. */
  failNext(kind: SpeechCall['kind'], ...statuses: number[]): void;
  /** Every answer waits this long (to make concurrent requests overlap). */
  setDelayMs(ms: number): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function regionOf(req: IncomingMessage, options: FakeSpeechOptions): string | null {
  const key = req.headers['ocp-apim-subscription-key'];
  if (typeof key === 'string') return options.keys[key] ?? null;
  const bearer = /^Bearer aad#(.+)#([^#]+)$/.exec(req.headers.authorization ?? '');
  if (!bearer?.[1] || !bearer[2]) return null;
  const region = options.resourceIds?.[bearer[1]];
  return region && options.acceptEntraToken?.(bearer[2]) ? region : null;
}

export async function startFakeSpeechServer(options: FakeSpeechOptions): Promise<FakeSpeechServer> {
  const calls: SpeechCall[] = [];
  const failures: Record<SpeechCall['kind'], number[]> = { sts: [], relay: [] };
  let lifetimeSeconds = 600;
  let delayMs = 0;

  const server: Server = createServer(async (req, res) => {
    for await (const _chunk of req) void _chunk;
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const kind = req.method === 'POST' && path === '/sts/v1.0/issueToken' ? 'sts' : req.method === 'GET' && path === '/tts/cognitiveservices/avatar/relay/token/v1' ? 'relay' : null;
    if (!kind) return void res.writeHead(404).end();
    if (delayMs) await sleep(delayMs);
    const region = regionOf(req, options);
    if (!region) return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint."}}');
    calls.push({ kind, region });
    const failure = failures[kind].shift();
    if (failure) return void res.writeHead(failure, { 'content-type': 'text/plain' }).end(`scripted failure ${failure} (key ${String(req.headers['ocp-apim-subscription-key'])})`);
    if (kind === 'sts') {
      const now = Math.floor(Date.now() / 1000);
      const token = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ region, 'product-id': 'SpeechServices.S0', scope: 'speechservices', aud: `urn:ms.speechservices.${region}`, iat: now, exp: now + lifetimeSeconds, jti: randomUUID() })}.${Buffer.from(randomUUID()).toString('base64url')}`;
      return void res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(token);
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        Urls: [`turn:relay.${region}.example:3478`, `stun:relay.${region}.example:3478`, `turns:relay.${region}.example:443?transport=tcp`],
        Username: `relay-user-${randomUUID()}`,
        Password: `relay-password-${randomUUID()}`,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    count: (kind, region) => calls.filter((c) => c.kind === kind && (region === undefined || c.region === region)).length,
    setTokenLifetimeSeconds: (seconds) => void (lifetimeSeconds = seconds),
    failNext: (kind, ...statuses) => void failures[kind].push(...statuses),
    setDelayMs: (ms) => void (delayMs = ms),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The App Service managed identity endpoint (`IDENTITY_ENDPOINT` + `IDENTITY_HEADER`) that @azure/identity's
 * ManagedIdentityCredential calls on Azure Functions: answers `{access_token, expires_on}` for a resource.
 */
export interface FakeManagedIdentity {
  url: string;
  header: string;
  issued: string[];
  requests: Array<{ resource: string | null; clientId: string | null }>;
  close(): Promise<void>;
}

export async function startFakeManagedIdentity(lifetimeSeconds = 3600): Promise<FakeManagedIdentity> {
  const header = randomUUID();
  const issued: string[] = [];
  const requests: FakeManagedIdentity['requests'] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.headers['x-identity-header'] !== header) return void res.writeHead(401).end();
    requests.push({ resource: url.searchParams.get('resource'), clientId: url.searchParams.get('client_id') });
    const token = `entra-${randomUUID()}`;
    issued.push(token);
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({ access_token: token, expires_on: String(Math.floor(Date.now() / 1000) + lifetimeSeconds), resource: url.searchParams.get('resource'), token_type: 'Bearer' }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/msi/token`, header, issued, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
