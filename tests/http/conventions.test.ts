import { request } from 'node:http';
import { api, baseUrl, createOrganisation, expectProblem, tokenFor, uniqueEmail } from '../support/api';

/** Sends a body without Content-Length (chunked), so only counting the stream can enforce the limit. */
function sendChunked(path: string, token: string, chunks: string[]): Promise<{ status: number; contentType: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl()}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    });
    req.on('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type']) });
    });
    req.on('error', reject);
    chunks.forEach((c) => req.write(c));
    req.end();
  });
}

describe('HTTP conventions', () => {
  it('answers an unknown route with a 404 problem', async () => {
    const problem = expectProblem(await api('/api/no-such-thing/at-all'), 404);
    expect(problem.detail).toContain('/api/no-such-thing/at-all');
  });

  it('decodes a path once: a malformed escape or an encoded slash inside an id is a 404 problem, never a 500', async () => {
    for (const path of ['/api/no-such%E0%A4%A', '/api/job-roles/%ZZ', `/api/job-roles/${'0'.repeat(8)}%2F0000-0000-0000-000000000000`]) {
      expectProblem(await api(path, { token: await tokenFor(uniqueEmail('decode')) }), 404);
    }
  });

  it('never treats an encoded slash as a separator when telling 404 from 405', async () => {
    const token = await tokenFor(uniqueEmail('slash'));
    const organisation = await createOrganisation(token);
    // Each path would name a real route if its %2F were a '/': the route exists, these paths do not.
    for (const path of [`/api/organisations/${organisation.id}%2Fmembers`, '/api/candidate%2Fprofile', '/api/interview-session%2Fconsent', '/api/candidate%252Fprofile']) {
      for (const method of ['GET', 'DELETE']) {
        const problem = expectProblem(await api(path, { method, token }), 404);
        expect(problem.detail).toBe(`There is no endpoint at ${path}.`);
      }
    }
  });

  it('takes the Bearer scheme in any case', async () => {
    const token = await tokenFor(uniqueEmail('scheme'));
    expect((await api('/api/me', { headers: { authorization: `bearer ${token}` } })).status).toBe(200);
    expect((await api('/api/me', { headers: { authorization: `BEARER ${token}` } })).status).toBe(200);
  });

  it('answers a wrong method with 405 and an Allow header', async () => {
    const response = await api('/api/create-organisation', { method: 'GET' });
    expectProblem(response, 405);
    expect(response.headers.get('allow')).toBe('POST');
    expect((await api('/api/health', { method: 'DELETE' })).headers.get('allow')).toBe('GET');
  });

  it('answers malformed JSON with 400', async () => {
    const response = await api('/api/create-organisation', {
      method: 'POST',
      token: await tokenFor(uniqueEmail()),
      body: '{"name": "Acme",',
      headers: { 'content-type': 'application/json' },
    });
    expect(expectProblem(response, 400).detail).toMatch(/not valid JSON/);
  });

  it('answers a body over the route limit with 413, declared or streamed', async () => {
    const token = await tokenFor(uniqueEmail());
    const big = JSON.stringify({ name: 'Big', description: 'x'.repeat(20 * 1024) });
    expectProblem(await api('/api/create-organisation', { method: 'POST', token, body: big, headers: { 'content-type': 'application/json' } }), 413);
    const chunked = await sendChunked('/api/create-organisation', token, [big.slice(0, 10_000), big.slice(10_000)]);
    expect(chunked.status).toBe(413);
    expect(chunked.contentType).toMatch(/^application\/problem\+json/);
  });

  it('answers a non-JSON content type with 415', async () => {
    const response = await api('/api/create-organisation', {
      method: 'POST',
      token: await tokenFor(uniqueEmail()),
      body: 'name=Acme',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectProblem(response, 415);
  });

  it('echoes a well-formed correlation id and replaces a malformed one', async () => {
    const echoed = await api('/api/health', { headers: { 'x-correlation-id': 'frontend-trace-123' } });
    expect(echoed.headers.get('x-correlation-id')).toBe('frontend-trace-123');
    const replaced = await api('/api/health', { headers: { 'x-correlation-id': 'bad id with spaces <script>' } });
    expect(replaced.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts the request id of the response header into problem bodies', async () => {
    const response = await api('/api/me');
    expect(expectProblem(response, 401).requestId).toBe(response.headers.get('x-request-id'));
  });

  it('answers CORS preflight for the configured frontend origin only', async () => {
    const allowed = await fetch(`${baseUrl()}/api/create-organisation`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(allowed.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
    const other = await fetch(`${baseUrl()}/api/health`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await api('/api/health', { headers: { origin: 'http://localhost:5173' } });
    expect(simple.headers.get('access-control-expose-headers')).toContain('x-correlation-id');
  });
});

describe('GET /api/health', () => {
  it('reports database and storage without revealing configuration', async () => {
    const response = await api<{ status: string; checks: Record<string, string> }>('/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', checks: { database: 'ok', storage: 'ok' }, checked_at: expect.any(String) });
    expect(response.text).not.toMatch(/sqlite|127\.0\.0\.1|devstoreaccount|\.data|password/i);
  });
});
