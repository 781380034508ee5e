import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Azure AI Document Intelligence speaking its REST protocol (API 2024-11-30), so the real
 * `@azure-rest/ai-document-intelligence` client and its long-running-operation poller are exercised end to end:
 *
 *   POST {endpoint}/documentintelligence/documentModels/prebuilt-layout:analyze?api-version=…&outputContentFormat=markdown
 *     (the document's bytes, key in Ocp-Apim-Subscription-Key) → 202, empty body, Operation-Location
 *   GET  {Operation-Location} → 200 {status: "running"} for a while, then {status: "succeeded", analyzeResult}
 *                               or {status: "failed", error}
 *
 * Tests script what each next analysis does; by default it succeeds after one "running" poll.
 */
export type AnalysisScript =
  | { type: 'succeed'; content: string; runningPolls?: number }
  /** The submission is refused, e.g. 400 InvalidContent, or 429 with Retry-After. */
  | { type: 'refuse'; status: number; code: string; innerCode?: string; retryAfterSeconds?: number }
  /** Accepted, then the operation fails with this error code. */
  | { type: 'fail'; code: string; innerCode?: string; runningPolls?: number };

export interface RecordedAnalysis {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export interface FakeDocumentIntelligence {
  url: string;
  key: string;
  submissions: RecordedAnalysis[];
  polls: string[];
  enqueue(...scripts: AnalysisScript[]): void;
  setDefault(script: AnalysisScript): void;
  close(): Promise<void>;
}

const API_VERSION = '2024-11-30';

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'apim-request-id': randomUUID(), ...headers });
  res.end(JSON.stringify(body));
}

function errorBody(code: string, innerCode: string | undefined, message: string) {
  return { error: { code, message, ...(innerCode ? { innererror: { code: innerCode, message } } : {}) } };
}

interface Operation {
  script: AnalysisScript;
  pollsLeft: number;
  created: string;
}

export async function startFakeDocumentIntelligence(key = 'fake-di-key'): Promise<FakeDocumentIntelligence> {
  const queue: AnalysisScript[] = [];
  let fallback: AnalysisScript = { type: 'succeed', content: '# Resume\n\nNo content was scripted.' };
  const submissions: RecordedAnalysis[] = [];
  const polls: string[] = [];
  const operations = new Map<string, Operation>();
  let base = '';

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', base);
    const query = Object.fromEntries(url.searchParams.entries());
    if (req.headers['ocp-apim-subscription-key'] !== key) {
      return sendJson(res, 401, { error: { code: '401', message: 'Access denied due to invalid subscription key or wrong API endpoint.' } });
    }
    if (query['api-version'] !== API_VERSION) return sendJson(res, 404, errorBody('NotFound', 'ApiVersionNotSupported', 'Unsupported api-version.'));

    const analyze = /^\/documentintelligence\/documentModels\/([^/:]+):analyze$/.exec(url.pathname);
    if (req.method === 'POST' && analyze) {
      submissions.push({ method: 'POST', path: url.pathname, query, headers: req.headers, body: Buffer.concat(chunks) });
      if (analyze[1] !== 'prebuilt-layout') return sendJson(res, 404, errorBody('NotFound', 'ModelNotFound', 'The requested model was not found.'));
      const script = queue.shift() ?? fallback;
      if (script.type === 'refuse') {
        const headers: Record<string, string> = script.retryAfterSeconds !== undefined ? { 'retry-after': String(script.retryAfterSeconds) } : {};
        return sendJson(res, script.status, errorBody(script.code, script.innerCode, 'The request was refused.'), headers);
      }
      const resultId = randomUUID();
      operations.set(resultId, { script, pollsLeft: script.runningPolls ?? 1, created: new Date().toISOString() });
      res.writeHead(202, {
        'operation-location': `${base}/documentintelligence/documentModels/${analyze[1]}/analyzeResults/${resultId}?api-version=${API_VERSION}`,
        'apim-request-id': randomUUID(),
      });
      return void res.end();
    }

    const result = /^\/documentintelligence\/documentModels\/([^/]+)\/analyzeResults\/([^/]+)$/.exec(url.pathname);
    const operation = result?.[2] ? operations.get(result[2]) : undefined;
    if (req.method === 'GET' && operation) {
      polls.push(url.pathname);
      const times = { createdDateTime: operation.created, lastUpdatedDateTime: new Date().toISOString() };
      if (operation.pollsLeft > 0) {
        operation.pollsLeft--;
        return sendJson(res, 200, { status: 'running', ...times });
      }
      if (operation.script.type === 'fail') {
        return sendJson(res, 200, { status: 'failed', ...times, ...errorBody(operation.script.code, operation.script.innerCode, 'The analysis failed.') });
      }
      const content = operation.script.type === 'succeed' ? operation.script.content : '';
      return sendJson(res, 200, {
        status: 'succeeded',
        ...times,
        analyzeResult: {
          apiVersion: API_VERSION,
          modelId: 'prebuilt-layout',
          stringIndexType: 'textElements',
          content,
          contentFormat: 'markdown',
          pages: [{ pageNumber: 1, angle: 0, width: 8.2639, height: 11.6806, unit: 'inch', words: [], lines: [], spans: [{ offset: 0, length: content.length }] }],
          paragraphs: [],
          styles: [],
        },
      });
    }
    sendJson(res, 404, errorBody('NotFound', undefined, 'Resource not found.'));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    key,
    submissions,
    polls,
    enqueue: (...scripts) => void queue.push(...scripts),
    setDefault: (script) => void (fallback = script),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
