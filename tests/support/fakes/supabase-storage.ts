import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve, sep } from 'node:path';

/**
 * A local stand-in for Supabase Storage's object download (`GET /storage/v1/object/<bucket>/<path>`), serving a
 * folder laid out as `<bucket>/<path>`. Like the real service it wants the key as both `apikey` and Bearer,
 * answers a wrong key with 403, and a missing object with 400 and a not-found body.
 */
export interface FakeSupabaseStorage {
  url: string;
  downloads: number;
  close(): Promise<void>;
}

export async function startFakeSupabaseStorage(folder: string, serviceRoleKey: string): Promise<FakeSupabaseStorage> {
  const root = resolve(folder);
  const state = { downloads: 0 };
  const server: Server = createServer((req, res) => {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const match = /^\/storage\/v1\/object\/(.+)$/.exec(req.url ?? '');
    if (req.method !== 'GET' || !match?.[1]) return answer(404, { error: 'not found' });
    if (req.headers.apikey !== serviceRoleKey || req.headers.authorization !== `Bearer ${serviceRoleKey}`) {
      return answer(403, { statusCode: '403', error: 'Unauthorized', message: 'invalid signature' });
    }
    const file = resolve(root, ...match[1].split('/').map(decodeURIComponent));
    if (!file.startsWith(root + sep)) return answer(400, { statusCode: '400', error: 'invalid path' });
    readFile(file).then(
      (bytes) => {
        state.downloads += 1;
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length });
        res.end(bytes);
      },
      () => answer(400, { statusCode: '404', error: 'not_found', message: 'Object not found' }),
    );
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get downloads() {
      return state.downloads;
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
