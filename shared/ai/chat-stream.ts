import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { AiUsage, ChatMessage } from './types';

/**
 * The interviewer's streamed reply, spoken over node:http directly. It is the one model call on a candidate's
 * critical path, and the `openai` client (fetch, web streams, its SSE decoder) costs about 2 ms of CPU per call
 * more than this (docs/performance.md). Structured calls keep the SDK. The protocol is the same chat completions
 * stream Azure OpenAI and OpenAI-compatible servers speak: POST with `stream: true`, server-sent `data:` events, `[DONE]`.
 */
export interface ChatStreamRequest {
  model: string;
  messages: ChatMessage[];
  temperature: number;
  max_tokens: number;
}

/** Where a model's chat completions are, and the headers that authenticate to it. */
export interface ChatStreamTarget {
  url(model: string): URL;
  headers(): Promise<Record<string, string>>;
}

/** One event of the stream: a text delta, or the usage the last event carries. */
export interface ChatStreamPart {
  text?: string;
  usage?: AiUsage;
}

/** The endpoint answered with a status other than 2xx; retries read its status and Retry-After. */
export class ModelStatusError extends Error {
  constructor(
    readonly status: number,
    readonly headers: IncomingHttpHeaders,
  ) {
    super(`The model endpoint answered ${status}.`);
    this.name = 'ModelStatusError';
  }
}

/** The connection to the endpoint failed before it answered (refused, reset, name not found). */
export class ModelConnectionError extends Error {
  constructor(cause: unknown) {
    super('The model endpoint could not be reached.', { cause });
    this.name = 'ModelConnectionError';
  }
}

/** The endpoint answered something that is not a chat completion stream. */
export class ModelProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelProtocolError';
  }
}

/** An event larger than this is not a chat completion chunk (a few hundred bytes each); it is refused, not buffered. */
const MAX_EVENT_CHARS = 1 << 20;

const agents = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };

/** Opens the stream: resolves once the endpoint answered 2xx with an event stream, and the parts follow. */
export async function openChatStream(target: ChatStreamTarget, request: ChatStreamRequest, signal: AbortSignal): Promise<AsyncIterable<ChatStreamPart>> {
  const url = target.url(request.model);
  const payload = JSON.stringify({ ...request, stream: true, stream_options: { include_usage: true } });
  const headers = { ...(await target.headers()), 'content-type': 'application/json', accept: 'text/event-stream', 'content-length': String(Buffer.byteLength(payload)) };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const outgoing = send(url, { method: 'POST', headers, agent: agents[url.protocol as keyof typeof agents], signal }, resolve);
    outgoing.on('error', (error) => reject(signal.aborted ? signal.reason : new ModelConnectionError(error)));
    outgoing.end(payload);
  });
  // A reply nobody reads to its end (its turn failed first) must not crash the process when its socket breaks.
  response.on('error', () => undefined);
  const status = response.statusCode ?? 0;
  if (status < 200 || status >= 300) {
    response.resume();
    throw new ModelStatusError(status, response.headers);
  }
  if (!String(response.headers['content-type']).toLowerCase().startsWith('text/event-stream')) {
    response.resume();
    throw new ModelProtocolError(`The model endpoint answered ${response.headers['content-type'] ?? 'no content type'}, not an event stream.`);
  }
  return parts(response);
}

/**
 * The parts of an event stream, decoded as they arrive; a stream that breaks off throws. After `[DONE]` a response
 * already complete is read to its end, so its keep-alive connection goes back to the pool (leaving the loop early
 * destroys the socket); one the server keeps open is dropped.
 */
async function* parts(response: IncomingMessage): AsyncGenerator<ChatStreamPart> {
  response.setEncoding('utf8');
  let buffered = '';
  let done = false;
  for await (const piece of response as AsyncIterable<string>) {
    if (done) continue;
    buffered = normaliseLineEnds(buffered + piece);
    for (let end = buffered.indexOf('\n\n'); end >= 0 && !done; end = buffered.indexOf('\n\n')) {
      const data = dataOf(buffered.slice(0, end));
      buffered = buffered.slice(end + 2);
      if (data === '[DONE]') {
        if (!response.complete) return;
        done = true;
      } else if (data !== null) yield partOf(data);
    }
    if (buffered.length > MAX_EVENT_CHARS) throw new ModelProtocolError('The model stream sent an event of more than a megabyte.');
  }
}

/** SSE lines end in \n, \r\n or \r; a \r last in the buffer waits, since its \n may be in the next piece. */
function normaliseLineEnds(text: string): string {
  if (!text.includes('\r')) return text;
  const held = text.endsWith('\r');
  return (held ? text.slice(0, -1) : text).replace(/\r\n?/g, '\n') + (held ? '\r' : '');
}

/** An event's data (its `data:` lines joined), or null for an event without data (a comment, a keep-alive). */
function dataOf(event: string): string | null {
  const lines = event.split('\n').filter((line) => line.startsWith('data:'));
  return lines.length === 0 ? null : lines.map((line) => line.slice(line.startsWith('data: ') ? 6 : 5)).join('\n');
}

function partOf(data: string): ChatStreamPart {
  let chunk: { choices?: Array<{ delta?: { content?: unknown } }>; usage?: { prompt_tokens?: unknown; completion_tokens?: unknown }; error?: unknown };
  try {
    chunk = JSON.parse(data);
  } catch {
    throw new ModelProtocolError('The model stream sent an event that is not JSON.');
  }
  if (chunk === null || typeof chunk !== 'object') throw new ModelProtocolError('The model stream sent an event that is not an object.');
  if (chunk.error) throw new ModelProtocolError('The model stream reported an error.');
  const content = Array.isArray(chunk.choices) ? chunk.choices[0]?.delta?.content : undefined;
  const part: ChatStreamPart = typeof content === 'string' && content.length > 0 ? { text: content } : {};
  const usage = chunk.usage;
  if (usage && Number.isSafeInteger(usage.prompt_tokens) && Number.isSafeInteger(usage.completion_tokens)) {
    part.usage = { prompt_tokens: usage.prompt_tokens as number, completion_tokens: usage.completion_tokens as number };
  }
  return part;
}
