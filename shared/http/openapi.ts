import { z } from 'zod';
import type { AnyHttpFunction } from '../runtime/definitions';
import { describeTag } from './api-tags';
import { OPENAPI_EXAMPLES } from './openapi-examples';
import type { HttpFunctionDefinition } from './definition';
import { ProblemSchema } from './problem';
import { describeRateLimit } from './rate-limit-docs';

type JsonSchema = Record<string, unknown>;

/** zod names nested schemas in $defs; in the document they live under components. */
function toComponentRefs(schema: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema).replace(/"#\/\$defs\//g, '"#/components/schemas/')) as JsonSchema;
}

/** Converts a zod schema to JSON Schema 2020-12 (OpenAPI 3.1's dialect), collecting named schemas as components. */
class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {};

  toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const json = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      unrepresentable: 'any',
      override: undefined,
    }) as JsonSchema;
    delete json.$schema;
    const id = (z.globalRegistry.get(schema) as { id?: string } | undefined)?.id;
    const defs = json.$defs as Record<string, JsonSchema> | undefined;
    delete json.$defs;
    for (const [name, def] of Object.entries(defs ?? {})) this.components[name] ??= toComponentRefs(def);
    const rewritten = toComponentRefs(json);
    if (!id) return rewritten;
    this.components[id] ??= rewritten;
    return { $ref: `#/components/schemas/${id}` };
  }
}

const STANDARD_ERRORS: Record<number, string> = {
  400: 'The request is invalid; `errors` lists each bad field.',
  401: 'The bearer token is missing, expired or invalid.',
  403: 'The caller may not do this.',
  404: 'Not found, or not visible to the caller.',
  413: 'The body is larger than this endpoint accepts.',
  415: 'The body is not JSON.',
  429: 'Rate limit reached; see Retry-After.',
  500: 'Unexpected failure; quote requestId.',
  503: 'A dependency is unavailable; retry later.',
};

interface PathParam {
  name: string;
  /** `{id:guid}` routes take only a uuid (shared/http/route-ids.ts reads them). */
  uuid: boolean;
}

function pathOf(route: string): { path: string; params: PathParam[] } {
  const params: PathParam[] = [];
  const path = route.replace(/\{\*?([A-Za-z_][A-Za-z0-9_]*)(?::([a-z]+))?\??\}/g, (_, name: string, constraint?: string) => {
    params.push({ name, uuid: constraint === 'guid' });
    return `{${name}}`;
  });
  return { path: `/api/${path}`, params };
}

/** Response headers named once under components and referenced from each response that sends them. */
const HEADERS: Record<string, { description: string; schema: JsonSchema }> = {
  'x-request-id': { description: 'This request’s id (also `requestId` in a problem body): quote it in bug reports.', schema: { type: 'string' } },
  'x-correlation-id': { description: 'The caller’s `x-correlation-id`, or a new one: it follows the request through queues and logs.', schema: { type: 'string' } },
  'retry-after': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 0 } },
  etag: { description: 'The resource’s version, to send back as `If-Match` with an update.', schema: { type: 'string', examples: ['"3"'] } },
  'idempotent-replayed': { description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key.', schema: { type: 'string', enum: ['true'] } },
};
const headerRef = (name: string) => ({ $ref: `#/components/headers/${name}` });

/** Which headers a response of this status carries. */
function responseHeaders(status: number, conditional: boolean): Record<string, unknown> {
  const headers: Record<string, unknown> = { 'x-request-id': headerRef('x-request-id'), 'x-correlation-id': headerRef('x-correlation-id') };
  if (status === 429 || status === 503) headers['retry-after'] = headerRef('retry-after');
  if (conditional && status >= 200 && status < 300) headers.etag = headerRef('etag');
  return headers;
}

/** If-Match for updates under optimistic concurrency: required where its absence is a 428. */
function ifMatchParameter(definition: AnyHttpFunction): unknown[] {
  const statuses = Object.keys(definition.responses).map(Number);
  if (!statuses.includes(412) && !statuses.includes(428)) return [];
  return [
    {
      name: 'If-Match',
      in: 'header',
      required: statuses.includes(428),
      description: 'The ETag of the resource as you read it; a stale one is 412, a missing one 428.',
      schema: { type: 'string', examples: ['"3"'] },
    },
  ];
}

function requestHeaderParameters(definition: HttpFunctionDefinition): unknown[] {
  return Object.entries(definition.requestHeaders ?? {}).map(([name, spec]) => ({
    name,
    in: 'header',
    required: false,
    description: spec.description,
    schema: spec.values ? { type: 'string', enum: spec.values } : { type: 'string' },
  }));
}

const SECURITY: Record<AnyHttpFunction['access'], Array<Record<string, string[]>>> = {
  anonymous: [],
  user: [{ bearer: [] }],
  session: [{ interviewSession: [] }],
  'user-or-session': [{ bearer: [] }, { interviewSession: [] }],
  'session-or-practice': [{ interviewSession: [] }],
};

export function buildOpenApiDocument(definitions: AnyHttpFunction[], info: { version: string }): JsonSchema {
  const collector = new SchemaCollector();
  const problemRef = collector.toSchema(ProblemSchema, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const definition of definitions.filter((d) => !d.hidden)) {
    const { path, params } = pathOf(definition.route);
    const responses: Record<string, unknown> = {};
    const conditional = ifMatchParameter(definition).length > 0;
    const examples = OPENAPI_EXAMPLES[definition.name];
    const example = (value: unknown) => (value === undefined ? {} : { example: value });
    for (const [status, spec] of Object.entries(definition.responses)) {
      const code = Number(status);
      const content: Record<string, { schema: JsonSchema }> | undefined = spec.schema
        ? { [spec.contentType ?? 'application/json']: { schema: collector.toSchema(spec.schema, 'output'), ...example(examples?.responses?.[code]) } }
        : code >= 400
          ? { 'application/problem+json': { schema: problemRef } }
          : undefined;
      for (const [type, alternative] of Object.entries(spec.alternatives ?? {})) {
        if (content) content[type] = { schema: { type: 'string', description: alternative } };
      }
      const headers = { ...responseHeaders(code, conditional || spec.headers?.includes('etag') === true) };
      for (const name of spec.headers ?? []) headers[name] = headerRef(name);
      responses[status] = { description: spec.description, headers, ...(content ? { content } : {}) };
    }
    const errorStatuses = [
      ...(definition.body || definition.rawBodyContent ? [400, 413, 415] : definition.query ? [400] : []),
      ...(definition.access !== 'anonymous' ? [401] : []),
      429,
      500,
      503,
    ];
    for (const status of errorStatuses) {
      responses[String(status)] ??= {
        description: (status === 429 ? describeRateLimit(definition.name) : null) ?? STANDARD_ERRORS[status],
        headers: responseHeaders(status, false),
        content: { 'application/problem+json': { schema: problemRef } },
      };
    }
    const query = definition.query ? collector.toSchema(definition.query, 'input') : undefined;
    const queryParams = Object.entries((query?.properties ?? {}) as Record<string, JsonSchema>).map(([name, schema]) => ({
      name,
      in: 'query',
      required: ((query?.required ?? []) as string[]).includes(name),
      schema,
    }));
    for (const method of definition.methods) {
      paths[path] ??= {};
      paths[path][method.toLowerCase()] = {
        operationId: definition.methods.length > 1 ? `${definition.name}-${method.toLowerCase()}` : definition.name,
        summary: definition.summary,
        description: definition.description,
        tags: definition.tags,
        security: SECURITY[definition.access],
        parameters: [
          ...params.map(({ name, uuid }) => ({ name, in: 'path', required: true, schema: uuid ? { type: 'string', format: 'uuid' } : { type: 'string' } })),
          ...queryParams,
          ...ifMatchParameter(definition),
          ...requestHeaderParameters(definition),
        ],
        requestBody: definition.body
          ? { required: true, content: { 'application/json': { schema: collector.toSchema(definition.body, 'input'), ...example(examples?.request) } } }
          : definition.rawBodyContent
            ? {
                required: true,
                content: Object.fromEntries(
                  Object.entries(definition.rawBodyContent).map(([type, spec]) => [
                    type,
                    { schema: { ...(spec.schema ? collector.toSchema(spec.schema, 'input') : { type: 'string', format: 'binary' }), description: spec.description }, ...example(examples?.rawRequest?.[type]) },
                  ]),
                ),
              }
            : undefined,
        responses,
      };
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Talenti API',
      version: info.version,
      description:
        'The Talenti backend. Errors are application/problem+json. Every response carries x-correlation-id and x-request-id.',
      contact: { name: 'Talenti backend team' },
      license: { name: 'Proprietary', identifier: 'LicenseRef-Talenti-Proprietary' },
    },
    servers: [{ url: '/' }],
    tags: [...new Set(definitions.filter((d) => !d.hidden).flatMap((d) => d.tags))].sort().map((name) => ({ name, description: describeTag(name) })),
    paths,
    components: {
      schemas: collector.components,
      headers: HEADERS,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A Microsoft Entra ID access token.' },
        interviewSession: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A candidate interview session token, from POST /api/invitations/redeem (or, for a practice interview, from POST /api/candidate/practice-interviews).',
        },
      },
    },
  };
}
