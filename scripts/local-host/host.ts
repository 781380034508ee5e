import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpRequest, HttpResponse, InvocationContext, type HttpHandler } from '@azure/functions';
import type { QueueServiceClient } from '@azure/storage-queue';
import type { AppServices } from '../../shared/app-services';
import { errorSummary } from '../../shared/observability/error-summary';
import { problemResponse, type ProblemKind } from '../../shared/http/problem';
import { compareRouteSpecificity, pathMatcher } from '../../shared/http/routes';
import type { DeliveredEvent } from '../../shared/runtime/grid-events';
import { lazyEventGridHandler, lazyHttpHandler, lazyQueueHandler, lazyTimerHandler } from '../../shared/runtime/lazy-handlers';
import type { FunctionRegistration, LazyFunction } from '../../shared/runtime/registrations';
import { allowedWebhookOrigin, GridDeliverySchema, validationCodeOf } from './event-grid';
import type { QueueHostSettings } from './host-json';
import { parseSchedule } from './ncrontab';
import { startQueueTriggers } from './queue-triggers';

/** The Functions host's own default request size limit (FUNCTIONS_REQUEST_BODY_SIZE_LIMIT). */
const HOST_BODY_LIMIT = 100 * 1024 * 1024;
const EXPOSED_HEADERS = 'x-correlation-id, x-request-id, retry-after, location, etag, www-authenticate';

export interface LocalHostOptions {
  port: number;
  /** As the entry point registers them: each function's module is loaded by its first invocation. */
  functions: LazyFunction[];
  services: AppServices;
  corsAllowedOrigins: string[];
  /** Served at /dev-issuer/.well-known/jwks.json when set (local sign-in). */
  devJwks?: unknown;
  runTimers?: boolean;
  /** Serves queue triggers from this queue service (Azurite) with host.json's queue settings; none without it. */
  queues?: { client: QueueServiceClient; settings: QueueHostSettings };
  log?: (line: string) => void;
}

export interface LocalHost {
  url: string;
  close(): Promise<void>;
}

type Registered<K extends FunctionRegistration['kind']> = LazyFunction & Extract<FunctionRegistration, { kind: K }>;
type Route = { definition: Registered<'http'>; handler: HttpHandler };

function contextFor(functionName: string, log: (line: string) => void, triggerMetadata?: Record<string, unknown>): InvocationContext {
  return new InvocationContext({
    invocationId: randomUUID(),
    functionName,
    triggerMetadata,
    logHandler: (level, ...args) => log(`[${level}] ${functionName}: ${args.map(String).join(' ')}`),
  });
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  // As Azure's front end does: the address this host saw is appended, whatever the client sent before it.
  if (req.socket.remoteAddress) headers['x-forwarded-for'] = [headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
  return headers;
}

async function readAll(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function sendJson(res: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  res.writeHead(status, { 'content-type': contentType });
  res.end(JSON.stringify(body));
}

function sendProblem(res: ServerResponse, kind: ProblemKind, detail: string): void {
  const problem = problemResponse(kind, randomUUID(), detail);
  res.writeHead(problem.status ?? 500, problem.headers as Record<string, string>);
  res.end(problem.body as string);
}

/** Writes a handler's response, streaming its body chunk by chunk (SSE reaches the client as it is produced). */
async function writeResponse(res: ServerResponse, response: HttpResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  res.writeHead(response.status, headers);
  if (!response.body) return void res.end();
  const reader = (response.body as import('node:stream/web').ReadableStream<Uint8Array>).getReader();
  // A client that goes away cancels the body, so the handler's stream (a model call, say) stops too.
  res.on('close', () => void reader.cancel().catch(() => undefined));
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) res.write(chunk.value);
  res.end();
}

/**
 * Our stand-in for Azure Functions Core Tools (which cannot be installed here): serves the same definitions
 * through the same handlers at the same URLs, fires timers on schedule, and accepts Event Grid deliveries.
 */
export async function startLocalHost(options: LocalHostOptions): Promise<LocalHost> {
  const log = options.log ?? ((line: string) => console.log(line));
  const services = () => options.services;
  const routes: Route[] = options.functions
    .filter((f): f is Registered<'http'> => f.kind === 'http')
    .sort((a, b) => compareRouteSpecificity(a.route, b.route))
    .map((definition) => ({ definition, handler: lazyHttpHandler(definition, services) }));
  const byName = new Map(options.functions.map((f) => [f.name.toLowerCase(), f]));
  // One handler per function, as the Functions host keeps one: its module is loaded once, by the first invocation.
  const timerHandlers = new Map(options.functions.flatMap((f) => (f.kind === 'timer' ? [[f.name, lazyTimerHandler(f, services)] as const] : [])));
  const gridHandlers = new Map(options.functions.flatMap((f) => (f.kind === 'eventGrid' ? [[f.name, lazyEventGridHandler(f, services)] as const] : [])));
  const queueHandlers = new Map(options.functions.flatMap((f) => (f.kind === 'queue' ? [[f.name, lazyQueueHandler(f, services)] as const] : [])));

  function applyCors(req: IncomingMessage, res: ServerResponse): boolean {
    const origin = req.headers.origin;
    if (!origin) return false;
    const allowed = options.corsAllowedOrigins.includes('*') || options.corsAllowedOrigins.includes(origin);
    if (!allowed) return false;
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('vary', 'Origin');
    res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
    return true;
  }

  async function serveApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname.slice('/api/'.length);
    const method = (req.method ?? 'GET').toUpperCase();
    const match = pathMatcher(path);
    const route = routes.find((r) => (r.definition.methods as readonly string[]).includes(method) && match(r.definition.route));
    if (!route) return sendProblem(res, 'not-found-route', `There is no endpoint at ${url.pathname}.`);
    const body = await readAll(req, HOST_BODY_LIMIT);
    if (body === null) return sendProblem(res, 'payload-too-large', 'The request body exceeds the host limit.');
    const request = new HttpRequest({
      method,
      url: url.toString(),
      headers: headersOf(req),
      params: match(route.definition.route)?.params ?? {},
      body: body.length > 0 ? { bytes: body } : undefined,
    });
    const result = await route.handler(request, contextFor(route.definition.name, log));
    await writeResponse(res, result instanceof HttpResponse ? result : new HttpResponse(result ?? {}));
  }

  async function invokeTimer(name: string, isPastDue: boolean): Promise<void> {
    const definition = byName.get(name.toLowerCase());
    if (definition?.kind !== 'timer') throw new Error(`no timer function ${name}`);
    const now = new Date().toISOString();
    await (timerHandlers.get(definition.name) as ReturnType<typeof lazyTimerHandler>)(
      { isPastDue, schedule: { adjustForDST: false }, scheduleStatus: { last: now, next: now, lastUpdated: now } },
      contextFor(definition.name, log),
    );
  }

  async function deliverEvents(name: string, events: DeliveredEvent[]): Promise<void> {
    const definition = byName.get(name.toLowerCase());
    if (definition?.kind !== 'eventGrid') throw new Error(`no Event Grid function ${name}`);
    const handler = gridHandlers.get(definition.name) as ReturnType<typeof lazyEventGridHandler>;
    // Each event as it came, in its own schema, as the Functions host hands it to the trigger.
    for (const event of events) await handler(event, contextFor(definition.name, log));
  }

  /** As Core Tools does: the input is the message itself, handed to the function without going through the queue. */
  async function invokeQueueFunction(definition: Registered<'queue'>, input: string): Promise<void> {
    const metadata = { id: randomUUID(), dequeueCount: 1, insertionTime: new Date().toISOString() };
    await (queueHandlers.get(definition.name) as ReturnType<typeof lazyQueueHandler>)(input, contextFor(definition.name, log, metadata));
  }

  /** Core Tools' admin endpoint: POST /admin/functions/<name> with {"input": "..."} runs a non-HTTP function now. */
  async function serveAdmin(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    const definition = byName.get(name.toLowerCase());
    if (!definition || definition.kind === 'http') return sendProblem(res, 'not-found', `No non-HTTP function named ${name}.`);
    const body = await readAll(req, 1024 * 1024);
    const input = body && body.length > 0 ? (JSON.parse(body.toString('utf8')) as { input?: string }).input : undefined;
    if (definition.kind === 'timer') await invokeTimer(definition.name, false);
    else if (definition.kind === 'queue') await invokeQueueFunction(definition, input ?? '');
    else {
      const parsed = GridDeliverySchema.safeParse(input ? JSON.parse(input) : undefined);
      if (!parsed.success) return sendProblem(res, 'validation', 'The input must be an Event Grid event or array of events.');
      await deliverEvents(definition.name, parsed.data);
    }
    res.writeHead(202).end();
  }

  /** As the Event Grid extension does: answers the validation handshake itself, then delivers each event. */
  async function serveEventGrid(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const name = url.searchParams.get('functionName') ?? '';
    if (byName.get(name.toLowerCase())?.kind !== 'eventGrid') return sendProblem(res, 'not-found', `No Event Grid function named ${name}.`);
    const body = await readAll(req, 1024 * 1024);
    if (body === null) return sendProblem(res, 'payload-too-large', 'Event Grid batches are at most 1 MB.');
    let parsed;
    try {
      parsed = GridDeliverySchema.safeParse(JSON.parse(body.toString('utf8')));
    } catch {
      return sendProblem(res, 'validation', 'The body is not valid JSON.');
    }
    if (!parsed.success) return sendProblem(res, 'validation', 'The body is not an Event Grid event or array of events.');
    const code = validationCodeOf(parsed.data);
    if (code) return sendJson(res, 200, { validationResponse: code });
    await deliverEvents(name, parsed.data);
    res.writeHead(200).end();
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    const cors = applyCors(req, res);
    const handle = async (): Promise<void> => {
      const isEventGrid = url.pathname.toLowerCase() === '/runtime/webhooks/eventgrid';
      if (req.method === 'OPTIONS' && isEventGrid && req.headers['webhook-request-origin'] !== undefined) {
        const origin = allowedWebhookOrigin(req.headers['webhook-request-origin']);
        if (!origin) return sendProblem(res, 'validation', 'WebHook-Request-Origin is not a host name.');
        return void res.writeHead(200, { 'webhook-allowed-origin': origin, 'webhook-allowed-rate': '*', allow: 'POST, OPTIONS' }).end();
      }
      if (req.method === 'OPTIONS') {
        if (cors) {
          res.setHeader('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
          res.setHeader('access-control-allow-headers', req.headers['access-control-request-headers'] ?? 'authorization, content-type');
          res.setHeader('access-control-max-age', '600');
        }
        return void res.writeHead(cors ? 204 : 403).end();
      }
      if (url.pathname.startsWith('/api/')) return serveApi(req, res, url);
      if (url.pathname === '/dev-issuer/.well-known/jwks.json' && options.devJwks) return sendJson(res, 200, options.devJwks);
      const admin = /^\/admin\/functions\/([^/]+)$/.exec(url.pathname);
      if (admin?.[1] && req.method === 'POST') return serveAdmin(req, res, decodeURIComponent(admin[1]));
      if (isEventGrid && req.method === 'POST') return serveEventGrid(req, res, url);
      return sendProblem(res, 'not-found-route', `There is no endpoint at ${url.pathname}.`);
    };
    handle().catch((error: unknown) => {
      log(`[error] local host: ${errorSummary(error)}`);
      if (!res.headersSent) sendProblem(res, 'internal', 'The local host failed to run the function.');
      else res.destroy();
    });
  });

  const timers = options.runTimers === false ? [] : startTimers();
  const queueTriggers = options.queues
    ? startQueueTriggers({
        client: options.queues.client,
        settings: options.queues.settings,
        functions: options.functions.flatMap((f) => (f.kind === 'queue' ? [{ name: f.name, queueName: f.queueName, handler: queueHandlers.get(f.name) as ReturnType<typeof lazyQueueHandler> }] : [])),
        contextFor: (name, metadata) => contextFor(name, log, metadata),
        log,
      })
    : undefined;
  function startTimers(): NodeJS.Timeout[] {
    const scheduled = options.functions.flatMap((f) => (f.kind === 'timer' ? [{ name: f.name, schedule: parseSchedule(f.schedule) }] : []));
    if (scheduled.length === 0) return [];
    // Walk every second since the last tick, so a late tick neither skips nor repeats an occurrence.
    let lastSecond = Math.floor(Date.now() / 1000);
    const tick = setInterval(() => {
      const nowSecond = Math.floor(Date.now() / 1000);
      for (let second = lastSecond + 1; second <= nowSecond; second++) {
        const at = new Date(second * 1000);
        for (const timer of scheduled.filter((t) => t.schedule.matches(at))) {
          invokeTimer(timer.name, false).catch((e: unknown) => log(`[error] timer ${timer.name}: ${String(e)}`));
        }
      }
      lastSecond = nowSecond;
    }, 500);
    tick.unref();
    return [tick];
  }

  // As Kestrel under Core Tools (130 s): Node's 5 s would close idle keep-alive sockets a busy client still reuses.
  server.keepAliveTimeout = 130_000;
  server.headersTimeout = 131_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      timers.forEach(clearInterval);
      await queueTriggers?.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
