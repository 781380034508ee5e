import { httpFunctions } from '../../functions/catalogue';
import { api } from '../support/api';

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown>; requestBody?: unknown }>>;
  components: { schemas: Record<string, unknown> };
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
    expect(allRefs.filter((ref) => !ref.startsWith('#/components/schemas/'))).toEqual([]);
    const refs = allRefs.map((ref) => ref.slice('#/components/schemas/'.length));
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(body.components.schemas[ref]).toBeDefined();
  });
});
