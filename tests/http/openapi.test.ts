import { httpFunctions } from '../../functions/catalogue';
import { api } from '../support/api';

type Operation = {
  operationId: string;
  parameters: Array<{ name: string; in: string; required: boolean; schema: { format?: string } }>;
  responses: Record<string, { description: string; content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
};

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown>; requestBody?: unknown }>>;
  components: { schemas: Record<string, unknown>; headers: Record<string, unknown> };
};

describe('GET /api/openapi.json', () => {
  it('describes every HTTP function with its methods', async () => {
    const { status, body } = await api<Doc>('/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    for (const fn of httpFunctions().filter((f) => !f.hidden)) {
      const path = `/api/${fn.route.replace(/\{\*?(\w+)(?::\w+)?\??\}/g, '{$1}')}`;
      for (const method of fn.methods) expect(body.paths[path]?.[method.toLowerCase()]).toBeDefined();
    }
    expect(Object.keys(body.paths)).not.toContain('/api/{path}');
  });

  it('takes request schemas from the validating zod schemas', async () => {
    const { body } = await api<Doc>('/api/openapi.json');
    const operation = body.paths['/api/create-organisation']?.post;
    expect(JSON.stringify(operation?.requestBody)).toContain('#/components/schemas/CreateOrganisationRequest');
    const request = body.components.schemas.CreateOrganisationRequest as { required: string[]; additionalProperties: boolean; properties: Record<string, unknown> };
    expect(request.required).toEqual(['name']);
    expect(request.additionalProperties).toBe(false);
    expect(Object.keys(request.properties)).toEqual(['name', 'industry', 'website', 'description', 'billing_email']);
    expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['201', '400', '401', '409', '413', '415', '429']));
  });

  it('resolves every $ref to a component', async () => {
    const { body, text } = await api<Doc>('/api/openapi.json');
    expect(text).not.toContain('#/$defs/');
    const allRefs = [...text.matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1] as string);
    expect(allRefs.filter((ref) => !/^#\/components\/(schemas|headers)\//.test(ref))).toEqual([]);
    const schemas = allRefs.filter((ref) => ref.startsWith('#/components/schemas/')).map((ref) => ref.slice('#/components/schemas/'.length));
    expect(schemas.length).toBeGreaterThan(0);
    for (const ref of schemas) expect(body.components.schemas[ref]).toBeDefined();
    const headers = allRefs.filter((ref) => ref.startsWith('#/components/headers/')).map((ref) => ref.slice('#/components/headers/'.length));
    for (const ref of headers) expect(body.components.headers[ref]).toBeDefined();
  });

  it('gives every error response its problem body, and every response its request and correlation ids', async () => {
    const { body } = await api<{ paths: Record<string, Record<string, Operation>> }>('/api/openapi.json');
    for (const [path, operations] of Object.entries(body.paths)) {
      for (const operation of Object.values(operations)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          const where = `${operation.operationId} ${status} (${path})`;
          // The health check's 503 is its report (which dependency is down), read by the platform's probe.
          const problem = Number(status) >= 400 && where !== 'health 503 (/api/health)';
          if (problem) expect([where, Object.keys(response.content ?? {})]).toEqual([where, ['application/problem+json']]);
          expect([where, Object.keys(response.headers ?? {})]).toEqual([where, expect.arrayContaining(['x-request-id', 'x-correlation-id'])]);
          if (status === '429' || status === '503') expect([where, Object.keys(response.headers ?? {})]).toEqual([where, expect.arrayContaining(['retry-after'])]);
        }
      }
    }
  });

  it('declares path ids as uuids, If-Match where an update is conditional, and the ETag it answers with', async () => {
    const { body } = await api<{ paths: Record<string, Record<string, Operation>> }>('/api/openapi.json');
    const role = body.paths['/api/job-roles/{roleId}'];
    expect(role?.get?.parameters).toContainEqual(expect.objectContaining({ name: 'roleId', in: 'path', schema: { type: 'string', format: 'uuid' } }));
    expect(role?.patch?.parameters).toContainEqual(expect.objectContaining({ name: 'If-Match', in: 'header', required: true }));
    expect(Object.keys(role?.patch?.responses['200']?.headers ?? {})).toContain('etag');
    expect(role?.get?.parameters.map((p) => p.name)).not.toContain('If-Match');
    const organisation = body.paths['/api/organisations/{organisationId}'];
    expect(Object.keys(organisation?.get?.responses['200']?.headers ?? {})).toContain('etag');
  });

  it('documents the streamed turn and the idempotent invitation', async () => {
    const { body } = await api<{ paths: Record<string, Record<string, Operation>> }>('/api/openapi.json');
    const turn = body.paths['/api/ai-interviewer']?.post;
    expect(Object.keys(turn?.responses['200']?.content ?? {})).toEqual(['application/json', 'text/event-stream']);
    expect(turn?.parameters).toContainEqual(expect.objectContaining({ name: 'Accept', in: 'header' }));
    expect(turn?.responses['429']?.description).toBe('At most 30 calls per 60 s, counted per IP and user; see Retry-After.');
    const invite = body.paths['/api/send-invitation']?.post;
    expect(invite?.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false }));
    expect(Object.keys(invite?.responses['201']?.headers ?? {})).toContain('idempotent-replayed');
  });
});
