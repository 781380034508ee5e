import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Azure OpenAI (and any OpenAI-compatible server) speaking the same HTTP protocol, so the
 * real `openai` client is exercised end to end. Tests script what each next request gets.
 */
export type ModelReply =
  | { type: 'json'; value: unknown; usage?: { prompt_tokens: number; completion_tokens: number }; delayMs?: number }
  | { type: 'content'; content: string }
  | { type: 'status'; status: number; retryAfterSeconds?: number }
  | { type: 'hang' }
  | { type: 'stream'; chunks: string[]; firstTokenDelayMs?: number; chunkDelayMs?: number; failAfter?: number };

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: { model?: string; messages: Array<{ role: string; content: string }>; response_format?: { type: string; json_schema?: { strict?: boolean; schema: Record<string, unknown> } }; stream?: boolean; max_tokens?: number };
  at: number;
  /** performance.now() when the request arrived, and when a stream's first chunk was written: the model's own time. */
  receivedAt: number;
  firstChunkAt?: number;
}

export interface FakeModelServer {
  url: string;
  requests: RecordedRequest[];
  /** Replies for the next requests, in order. */
  enqueue(...replies: ModelReply[]): void;
  /** What to answer when the queue is empty. */
  setDefault(reply: (request: RecordedRequest) => ModelReply): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function completion(content: string, usage = { prompt_tokens: 120, completion_tokens: 40 }) {
  return {
    id: `chatcmpl-${Date.now()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: 'fake-model',
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

async function writeStream(res: ServerResponse, reply: Extract<ModelReply, { type: 'stream' }>, recorded: RecordedRequest): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  if (reply.firstTokenDelayMs) await sleep(reply.firstTokenDelayMs);
  for (const [index, chunk] of reply.chunks.entries()) {
    if (reply.failAfter !== undefined && index >= reply.failAfter) return void res.destroy();
    const event = { id: 'chatcmpl-stream', object: 'chat.completion.chunk', created: 0, model: 'fake-model', choices: [{ index: 0, delta: { content: chunk }, finish_reason: null }] };
    res.write(`data: ${JSON.stringify(event)}\n\n`);
    recorded.firstChunkAt ??= performance.now();
    if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
  }
  res.write(`data: ${JSON.stringify({ id: 'chatcmpl-stream', object: 'chat.completion.chunk', created: 0, model: 'fake-model', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: { prompt_tokens: 100, completion_tokens: reply.chunks.length, total_tokens: 100 + reply.chunks.length } })}\n\n`);
  res.end('data: [DONE]\n\n');
}

export async function startFakeModelServer(): Promise<FakeModelServer> {
  const queue: ModelReply[] = [];
  const requests: RecordedRequest[] = [];
  let fallback: (request: RecordedRequest) => ModelReply = () => ({ type: 'status', status: 500 });
  const hanging = new Set<ServerResponse>();

  const server: Server = createServer(async (req, res) => {
    const receivedAt = performance.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (!/\/chat\/completions$/.test(new URL(req.url ?? '/', 'http://x').pathname)) return void res.writeHead(404).end();
    const recorded: RecordedRequest = { path: req.url ?? '', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), at: Date.now(), receivedAt };
    requests.push(recorded);
    const reply = queue.shift() ?? fallback(recorded);
    switch (reply.type) {
      case 'json':
        if (reply.delayMs) await sleep(reply.delayMs);
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion(JSON.stringify(reply.value), reply.usage)));
      case 'content':
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion(reply.content)));
      case 'status':
        return void res
          .writeHead(reply.status, { 'content-type': 'application/json', ...(reply.retryAfterSeconds !== undefined ? { 'retry-after': String(reply.retryAfterSeconds) } : {}) })
          .end(JSON.stringify({ error: { code: String(reply.status), message: 'scripted failure' } }));
      case 'hang':
        hanging.add(res);
        return;
      case 'stream':
        return writeStream(res, reply, recorded);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    enqueue: (...replies) => void queue.push(...replies),
    setDefault: (reply) => void (fallback = reply),
    close: async () => {
      hanging.forEach((res) => res.destroy());
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
