import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChatStreamTarget } from '../../shared/ai/chat-client';
import { ModelConnectionError, ModelProtocolError, ModelStatusError, openChatStream, type ChatStreamPart, type ChatStreamTarget } from '../../shared/ai/chat-stream';
import { AiGateway } from '../../shared/ai/gateway';
import type { TextTask } from '../../shared/ai/types';
import { loadSettings } from '../../shared/config/settings';
import { openDatabase, type DatabaseHandle } from '../../shared/db/database';
import { migrateToLatest } from '../../shared/db/migrate';
import { createLogger } from '../../shared/observability/logger';
import { freePort } from '../support/processes';

/**
 * The streamed reply's own client (shared/ai/chat-stream.ts) against a server that writes exactly the bytes a test
 * scripts, split where the test splits them: line ends, multi-byte characters and events cut across TCP writes.
 */
type Script = (res: ServerResponse) => Promise<void> | void;

let server: Server;
let url: string;
let script: Script = () => undefined;
let connections = 0;
const seen: Array<{ path: string; headers: IncomingHttpHeaders; body: Record<string, unknown> }> = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    seen.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
    await script(res);
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen.length = 0;
});

const compatible = (): ChatStreamTarget => createChatStreamTarget(loadSettings({ AI_PROVIDER: 'openai-compatible', OPENAI_COMPATIBLE_BASE_URL: `${url}/v1/`, AI_MODEL: 'm' }).ai) as ChatStreamTarget;
const request = { model: 'm', messages: [{ role: 'user' as const, content: 'Hello' }], temperature: 0.2, max_tokens: 50 };

/** A stream that writes each piece as its own TCP write, a moment apart so they arrive apart. */
function pieces(...written: Array<string | Buffer>): Script {
  return async (res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
    for (const piece of written) {
      res.write(piece);
      await sleep(5);
    }
    res.end();
  };
}

const event = (delta: string) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: delta } }] })}`;

async function collect(stream: AsyncIterable<ChatStreamPart>): Promise<ChatStreamPart[]> {
  const parts: ChatStreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

describe('openChatStream', () => {
  it('posts a streaming chat completion with usage asked for, to the base URL, with the bearer key', async () => {
    script = pieces(`${event('Hi')}\n\ndata: [DONE]\n\n`);
    await collect(await openChatStream(compatible(), request, AbortSignal.timeout(5000)));
    expect(seen[0]).toMatchObject({
      path: '/v1/chat/completions',
      headers: { authorization: 'Bearer none', 'content-type': 'application/json', accept: 'text/event-stream' },
      body: { ...request, stream: true, stream_options: { include_usage: true } },
    });
  });

  it('decodes events cut anywhere: CRLF split from its LF, a multi-byte character split in two, data over two lines, comments', async () => {
    const emoji = Buffer.from(`${event('Grüße 👋')}\r\n\r\n`, 'utf8');
    const cut = emoji.indexOf(Buffer.from('👋')) + 2;
    script = pieces(
      ': keep-alive\r\n\r\n',
      `${event('Hello ')}\r`,
      '\n\r\n',
      emoji.subarray(0, cut),
      emoji.subarray(cut),
      'data: {"choices":[{"index":0,\ndata: "delta":{"content":"there"}}]}\n\n',
      'event: ping\n\n',
      `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 12, completion_tokens: 3 } })}\n\ndata: [DONE]\n\n`,
    );
    const parts = await collect(await openChatStream(compatible(), request, AbortSignal.timeout(5000)));
    expect(parts).toEqual([{ text: 'Hello ' }, { text: 'Grüße 👋' }, { text: 'there' }, { usage: { prompt_tokens: 12, completion_tokens: 3 } }]);
  });

  it('keeps the connection for the next reply once a reply has ended', async () => {
    script = (res) => void res.writeHead(200, { 'content-type': 'text/event-stream' }).end(`${event('Again')}\n\ndata: [DONE]\n\n`);
    const before = connections;
    for (let i = 0; i < 3; i++) expect(await collect(await openChatStream(compatible(), request, AbortSignal.timeout(5000)))).toEqual([{ text: 'Again' }]);
    expect(connections - before).toBeLessThanOrEqual(1);
  });

  it('ends at [DONE] even when the server keeps the response open', async () => {
    script = (res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`${event('Done soon')}\n\ndata: [DONE]\n\n`);
    };
    const parts = await collect(await openChatStream(compatible(), request, AbortSignal.timeout(5000)));
    expect(parts).toEqual([{ text: 'Done soon' }]);
  });

  it('ignores usage that is not a pair of whole token counts', async () => {
    script = pieces(`data: ${JSON.stringify({ choices: [{ delta: { content: 7 } }], usage: { prompt_tokens: '12', completion_tokens: 3 } })}\n\n`, 'data: [DONE]\n\n');
    expect(await collect(await openChatStream(compatible(), request, AbortSignal.timeout(5000)))).toEqual([{}]);
  });

  it('refuses an event that never ends instead of buffering it without bound', async () => {
    const quarterMegabyte = 'x'.repeat(256 * 1024);
    script = pieces(`${event('Before')}\n\n`, 'data: {"choices":"', quarterMegabyte, quarterMegabyte, quarterMegabyte, quarterMegabyte, quarterMegabyte);
    const parts: ChatStreamPart[] = [];
    const stream = await openChatStream(compatible(), request, AbortSignal.timeout(5000));
    await expect((async () => { for await (const part of stream) parts.push(part); })()).rejects.toThrow(/more than a megabyte/);
    expect(parts).toEqual([{ text: 'Before' }]);
  });

  it('refuses a status other than 2xx with its status and Retry-After', async () => {
    script = (res) => void res.writeHead(429, { 'retry-after': '7', 'content-type': 'application/json' }).end('{"error":{"code":"429"}}');
    const refused = await openChatStream(compatible(), request, AbortSignal.timeout(5000)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ModelStatusError);
    expect(refused).toMatchObject({ status: 429, headers: { 'retry-after': '7' } });
  });

  it('refuses a 200 that is not an event stream (a proxy page, a JSON completion)', async () => {
    script = (res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>sign in</html>');
    await expect(openChatStream(compatible(), request, AbortSignal.timeout(5000))).rejects.toBeInstanceOf(ModelProtocolError);
  });

  it('throws mid-stream on an error event and on an event that is not JSON, after the text before it', async () => {
    for (const bad of ['data: {"error":{"message":"content filter"}}\n\n', 'data: <html>\n\n', 'data: null\n\n']) {
      script = pieces(`${event('Partial')}\n\n`, bad, 'data: [DONE]\n\n');
      const parts: ChatStreamPart[] = [];
      const stream = await openChatStream(compatible(), request, AbortSignal.timeout(5000));
      await expect((async () => { for await (const part of stream) parts.push(part); })()).rejects.toBeInstanceOf(ModelProtocolError);
      expect(parts).toEqual([{ text: 'Partial' }]);
    }
  });

  it('throws when the connection breaks mid-stream, and when the caller aborts', async () => {
    script = async (res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`${event('Cut ')}\n\n`);
      await sleep(20);
      res.destroy();
    };
    const broken = await openChatStream(compatible(), request, AbortSignal.timeout(5000));
    await expect(collect(broken)).rejects.toThrow();

    script = (res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`${event('Slow ')}\n\n`);
    };
    const controller = new AbortController();
    const stream = await openChatStream(compatible(), request, controller.signal);
    setTimeout(() => controller.abort(new Error('client went away')), 50);
    await expect(collect(stream)).rejects.toThrow();
  });

  it('reports a refused connection as unreachable', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const target = createChatStreamTarget(loadSettings({ AI_PROVIDER: 'openai-compatible', OPENAI_COMPATIBLE_BASE_URL: closed, AI_MODEL: 'm' }).ai) as ChatStreamTarget;
    await expect(openChatStream(target, request, AbortSignal.timeout(5000))).rejects.toBeInstanceOf(ModelConnectionError);
  });
});

describe('createChatStreamTarget', () => {
  it("speaks to an Azure OpenAI deployment's URL with the api version and the key, as the SDK does", async () => {
    const ai = loadSettings({ AI_PROVIDER: 'azure', AZURE_OPENAI_ENDPOINT: 'https://talenti-aoai.openai.azure.com/', AZURE_OPENAI_API_KEY: 'k', AI_MODEL: 'gpt-4o' }).ai;
    const target = createChatStreamTarget(ai) as ChatStreamTarget;
    expect(target.url('gpt 4o/x').href).toBe(`https://talenti-aoai.openai.azure.com/openai/deployments/gpt%204o%2Fx/chat/completions?api-version=${ai.azure?.apiVersion}`);
    expect(await target.headers()).toEqual({ 'api-key': 'k' });
  });

  it('has none offline', () => {
    expect(createChatStreamTarget(loadSettings({}).ai)).toBeNull();
  });
});

describe('AiGateway.streamText over the stream client', () => {
  let database: DatabaseHandle;
  const silentLog = createLogger({ trace() {}, debug() {}, info() {}, warn() {}, error() {} }, 'error');
  const task: TextTask<string> = { name: 'bench-reply', purpose: 'interviewer', promptVersion: 'reply/v1', messages: (text) => [{ role: 'user', content: text }], offline: () => 'offline', maxTokens: 50, temperature: 0.3 };
  const azure = (overrides: Record<string, string> = {}) =>
    new AiGateway(loadSettings({ AI_PROVIDER: 'azure', AZURE_OPENAI_ENDPOINT: url, AZURE_OPENAI_API_KEY: 'test-key', AI_MODEL: 'interview-deploy', AI_RETRY_BASE_MS: '10', ...overrides }).ai, database.scopes.system);
  const usage = () => database.db.selectFrom('ai_usage').select(['task', 'outcome', 'prompt_tokens', 'completion_tokens']).execute();

  beforeAll(async () => {
    database = openDatabase({ provider: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'talenti-stream-')), 'db.sqlite'), acquireTimeoutMs: 5000 });
    await migrateToLatest(database.db, 'sqlite');
  });
  afterAll(() => database.close());
  beforeEach(() => database.db.deleteFrom('ai_usage').execute());

  it('streams from the deployment with the key and meters the usage the stream reported', async () => {
    script = pieces(`${event('One ')}\n\n${event('two.')}\n\n`, `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 40, completion_tokens: 2 } })}\n\ndata: [DONE]\n\n`);
    const reply = await azure().streamText(task, 'Hi', { organisationId: null, log: silentLog });
    let text = '';
    for await (const delta of reply.deltas) text += delta;
    expect(text).toBe('One two.');
    expect(seen[0]?.path).toMatch(/^\/openai\/deployments\/interview-deploy\/chat\/completions\?api-version=/);
    expect(seen[0]?.headers['api-key']).toBe('test-key');
    expect(await usage()).toEqual([{ task: 'bench-reply', outcome: 'ok', prompt_tokens: 40, completion_tokens: 2 }]);
  });

  it('retries a 503 before the stream opens, and refuses a wrong kind of answer at once as a bad gateway', async () => {
    let calls = 0;
    script = (res) => {
      calls++;
      if (calls === 1) return void res.writeHead(503).end();
      return pieces(`${event('Back.')}\n\ndata: [DONE]\n\n`)(res);
    };
    const reply = await azure().streamText(task, 'Hi', { organisationId: null, log: silentLog });
    let text = '';
    for await (const delta of reply.deltas) text += delta;
    expect(text).toBe('Back.');
    expect(calls).toBe(2);

    seen.length = 0;
    script = (res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    await expect(azure().streamText(task, 'Hi', { organisationId: null, log: silentLog })).rejects.toMatchObject({ kind: 'bad-gateway' });
    expect(seen).toHaveLength(1);
    expect(await usage()).toContainEqual(expect.objectContaining({ outcome: 'failed' }));
  });

  it('answers unreachable (503 with Retry-After) when nothing listens', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    await expect(azure({ AZURE_OPENAI_ENDPOINT: closed, AI_MAX_ATTEMPTS: '2' }).streamText(task, 'Hi', { organisationId: null, log: silentLog })).rejects.toMatchObject({ kind: 'unavailable', retryAfterSeconds: 5 });
  });
});
