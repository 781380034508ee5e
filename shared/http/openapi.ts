import { z } from 'zod';
import type { AnyHttpFunction } from '../runtime/definitions';
import { ProblemSchema } from './problem';

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

function pathOf(route: string): { path: string; params: string[] } {
  const params: string[] = [];
  const path = route.replace(/\{\*?([A-Za-z_][A-Za-z0-9_]*)(?::[a-z]+)?\??\}/g, (_, name: string) => {
    params.push(name);
    return `{${name}}`;
  });
  return { path: `/api/${path}`, params };
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
    for (const [status, spec] of Object.entries(definition.responses)) {
      responses[status] = spec.schema
        ? { description: spec.description, content: { [spec.contentType ?? 'application/json']: { schema: collector.toSchema(spec.schema, 'output') } } }
        : { description: spec.description };
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
        description: STANDARD_ERRORS[status],
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
          ...params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
          ...queryParams,
        ],
        requestBody: definition.body
          ? { required: true, content: { 'application/json': { schema: collector.toSchema(definition.body, 'input') } } }
          : definition.rawBodyContent
            ? {
                required: true,
                content: Object.fromEntries(
                  Object.entries(definition.rawBodyContent).map(([type, spec]) => [
                    type,
                    { schema: { ...(spec.schema ? collector.toSchema(spec.schema, 'input') : { type: 'string', format: 'binary' }), description: spec.description } },
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
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: collector.components,
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
