import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Azure Communication Services Email REST API (api-version 2025-09-01), as
 * @azure/communication-email's EmailClient speaks it:
 * - every request is checked for ACS's HMAC-SHA256 access-key signature exactly as the service checks it
 *   (x-ms-date, host, x-ms-content-sha256 over the body, the Authorization header naming those signed headers);
 * - `POST /emails:send` accepts a message (202, Operation-Location) and `GET /emails/operations/{id}` reports it;
 * - repeatable requests (Repeatability-Request-Id / Repeatability-First-Sent) are honoured as ACS documents them:
 *   a repeat within 5 minutes gets the first answer and sends nothing; a first-sent time older than that is 412.
 * It can be told to fail: an HTTP status for the send, an operation that ends Failed, or an answer that is lost
 * after the email was accepted. Each behaviour applies to the next send to one recipient (or to any).
 */
export type AcsEmailBehaviour =
  | { kind: 'status'; status: number; code?: string; retryAfterSeconds?: number }
  | { kind: 'operation-failed'; code: string }
  | { kind: 'drop-response' };

export interface AcceptedEmail {
  operationId: string;
  senderAddress: string;
  to: string[];
  subject: string;
  html: string;
  plainText: string;
}

export interface FakeAcsEmail {
  url: string;
  connectionString: string;
  /** Every email ACS accepted for sending: one entry is one email going out. */
  accepted: AcceptedEmail[];
  /** Requests refused because their signature did not verify. */
  rejectedSignatures: number;
  /** The behaviour of the next send to `to` (any recipient when left out). */
  enqueue(behaviour: AcsEmailBehaviour, to?: string): void;
  /** Milliseconds every send waits before answering, so concurrent senders overlap. */
  setLatency(ms: number): void;
  close(): Promise<void>;
}

const API_VERSION = '2025-09-01';
const REPEATABILITY_WINDOW_MS = 5 * 60_000;
const CLOCK_SKEW_MS = 15 * 60_000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface StoredAnswer {
  bodyHash: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

interface Operation {
  id: string;
  failure: string | null;
  to: string;
}

function problem(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-ms-error-code': code, ...headers });
  res.end(JSON.stringify({ error: { code, message } }));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** ACS's check of an access-key request: the content hash, the date, and the HMAC over verb, path, date, host, hash. */
function signatureIsValid(req: IncomingMessage, body: string, key: Buffer): boolean {
  const date = req.headers['x-ms-date'];
  const contentHash = req.headers['x-ms-content-sha256'];
  const host = req.headers.host;
  const authorization = /^HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=(\S+)$/.exec(req.headers.authorization ?? '');
  if (typeof date !== 'string' || typeof contentHash !== 'string' || !host || !authorization?.[1]) return false;
  if (Math.abs(Date.parse(date) - Date.now()) > CLOCK_SKEW_MS) return false;
  if (createHash('sha256').update(body).digest('base64') !== contentHash) return false;
  const url = new URL(req.url ?? '/', 'http://fake');
  const query = url.searchParams.toString();
  const stringToSign = `${(req.method ?? 'GET').toUpperCase()}\n${query ? `${url.pathname}?${query}` : url.pathname}\n${date};${host};${contentHash}`;
  const expected = createHmac('sha256', key).update(stringToSign).digest();
  const given = Buffer.from(authorization[1], 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startFakeAcsEmail(): Promise<FakeAcsEmail> {
  const key = randomBytes(32);
  const accepted: AcceptedEmail[] = [];
  const operations = new Map<string, Operation>();
  const repeatable = new Map<string, StoredAnswer & { firstSent: number }>();
  const behaviours: Array<{ to?: string; behaviour: AcsEmailBehaviour }> = [];
  let latencyMs = 0;
  let rejectedSignatures = 0;
  let baseUrl = '';

  function nextBehaviour(to: string[]): AcsEmailBehaviour | null {
    const index = behaviours.findIndex((b) => b.to === undefined || to.includes(b.to));
    if (index < 0) return null;
    const [entry] = behaviours.splice(index, 1);
    return entry?.behaviour ?? null;
  }

  function answer(res: ServerResponse, stored: StoredAnswer): void {
    res.writeHead(stored.status, { 'content-type': 'application/json', ...stored.headers });
    res.end(JSON.stringify(stored.body));
  }

  async function send(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    let message: { senderAddress?: unknown; recipients?: { to?: Array<{ address?: unknown }> }; content?: { subject?: unknown; html?: unknown; plainText?: unknown } };
    try {
      message = JSON.parse(body) as typeof message;
    } catch {
      return problem(res, 400, 'BadRequest', 'The request body is not JSON.');
    }
    const to = (message.recipients?.to ?? []).map((r) => r.address).filter((a): a is string => typeof a === 'string');
    const { subject, html, plainText } = message.content ?? {};
    if (typeof message.senderAddress !== 'string' || to.length === 0 || typeof subject !== 'string' || (typeof html !== 'string' && typeof plainText !== 'string')) {
      return problem(res, 400, 'BadRequest', 'senderAddress, recipients.to and content are required.');
    }

    const requestId = req.headers['repeatability-request-id'];
    const firstSentHeader = req.headers['repeatability-first-sent'];
    const bodyHash = createHash('sha256').update(body).digest('hex');
    if (requestId !== undefined || firstSentHeader !== undefined) {
      const firstSent = typeof firstSentHeader === 'string' ? Date.parse(firstSentHeader) : NaN;
      if (typeof requestId !== 'string' || !GUID.test(requestId) || Number.isNaN(firstSent)) {
        return problem(res, 400, 'InvalidRepeatabilityHeaders', 'Repeatability-Request-Id must be a GUID and Repeatability-First-Sent an IMF-fixdate.');
      }
      if (Date.now() - firstSent > REPEATABILITY_WINDOW_MS) {
        return problem(res, 412, 'PreconditionFailed', 'Repeatability first sent header not within 5 minute window.');
      }
      const earlier = repeatable.get(requestId);
      if (earlier) {
        if (earlier.bodyHash !== bodyHash) return problem(res, 400, 'BadRequest', 'A repeated request must match the first one.');
        if (earlier.status < 500) return answer(res, earlier);
      }
    }

    const behaviour = nextBehaviour(to);
    if (behaviour?.kind === 'status') {
      const headers: Record<string, string> = behaviour.retryAfterSeconds === undefined ? {} : { 'retry-after': String(behaviour.retryAfterSeconds) };
      // The body names the recipient, as real ACS errors can: the client must not store or log it.
      return problem(res, behaviour.status, behaviour.code ?? 'ServiceError', `Could not send to ${to.join(', ')}.`, headers);
    }
    const operationId = typeof req.headers['operation-id'] === 'string' ? req.headers['operation-id'] : randomUUID();
    operations.set(operationId, { id: operationId, failure: behaviour?.kind === 'operation-failed' ? behaviour.code : null, to: to.join(', ') });
    accepted.push({ operationId, senderAddress: message.senderAddress, to, subject, html: typeof html === 'string' ? html : '', plainText: typeof plainText === 'string' ? plainText : '' });
    const stored: StoredAnswer = {
      bodyHash,
      status: 202,
      headers: { 'operation-location': `${baseUrl}/emails/operations/${operationId}?api-version=${API_VERSION}`, 'retry-after': '0' },
      body: { id: operationId, status: 'Running' },
    };
    if (typeof requestId === 'string' && typeof firstSentHeader === 'string') repeatable.set(requestId, { ...stored, firstSent: Date.parse(firstSentHeader) });
    if (behaviour?.kind === 'drop-response') return void res.socket?.destroy();
    answer(res, stored);
  }

  function operation(res: ServerResponse, id: string): void {
    const found = operations.get(id);
    if (!found) return problem(res, 404, 'NotFound', 'No operation with this id.');
    if (found.failure) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ id, status: 'Failed', error: { code: found.failure, message: `The email to ${found.to} was not sent.` } }));
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id, status: 'Succeeded' }));
  }

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      if (!signatureIsValid(req, body, key)) {
        rejectedSignatures += 1;
        return problem(res, 401, 'Denied', 'Denied by the resource provider.');
      }
      const url = new URL(req.url ?? '/', 'http://fake');
      if (url.searchParams.get('api-version') !== API_VERSION) return problem(res, 400, 'UnsupportedApiVersion', 'Unsupported api-version.');
      if (req.method === 'POST' && url.pathname === '/emails:send') {
        if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
        return send(req, res, body);
      }
      const polled = /^\/emails\/operations\/([^/]+)$/.exec(url.pathname);
      if (req.method === 'GET' && polled?.[1]) return operation(res, decodeURIComponent(polled[1]));
      problem(res, 404, 'NotFound', 'No such endpoint.');
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    connectionString: `endpoint=${baseUrl};accesskey=${key.toString('base64')}`,
    accepted,
    get rejectedSignatures() {
      return rejectedSignatures;
    },
    enqueue: (behaviour, to) => void behaviours.push({ to, behaviour }),
    setLatency: (ms) => void (latencyMs = ms),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
