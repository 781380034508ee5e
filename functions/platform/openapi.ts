import { defineHttpFunction, json } from '../../shared/http/definition';
import { buildOpenApiDocument } from '../../shared/http/openapi';
import type { AnyHttpFunction } from '../../shared/runtime/definitions';
import { version } from '../../package.json';

/** Serves the OpenAPI 3.1 document built from the same zod schemas that validate requests. */
export function createOpenApiFunction(listFunctions: () => AnyHttpFunction[]) {
  let document: unknown;
  return defineHttpFunction({
    name: 'openapi',
    route: 'openapi.json',
    methods: ['GET'],
    access: 'anonymous',
    summary: 'This API described as OpenAPI 3.1',
    tags: ['platform'],
    responses: { 200: { description: 'The OpenAPI document.' } },
    handle: async () => {
      document ??= buildOpenApiDocument(listFunctions(), { version });
      return json(200, document);
    },
  });
}
