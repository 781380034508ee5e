import { MethodNotAllowedError } from '../../shared/errors';
import { defineHttpFunction } from '../../shared/http/definition';
import { problemResponse } from '../../shared/http/problem';
import { pathMatcher } from '../../shared/http/routes';
import type { AnyHttpFunction } from '../../shared/runtime/definitions';

/**
 * The catch-all route: the host picks it only when no other route and method match, so it answers 405 when
 * the path exists with other methods and 404 otherwise, both as problem+json.
 */
export function createNotFoundFunction(listFunctions: () => AnyHttpFunction[]) {
  return defineHttpFunction({
    name: 'not-found',
    route: '{*path}',
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    access: 'anonymous',
    summary: 'Unknown route',
    tags: [],
    hidden: true,
    responses: {},
    // The path as sent, not the decoded catch-all: matching it decodes once, so an encoded '/' stays inside its segment.
    handle: async ({ path, requestId }) => {
      const match = pathMatcher(path);
      const allowed = listFunctions()
        .filter((f) => f.name !== 'not-found' && match(f.route))
        .flatMap((f) => f.methods);
      if (allowed.length > 0) throw new MethodNotAllowedError([...new Set(allowed)]);
      const problem = problemResponse('not-found-route', requestId, `There is no endpoint at /api/${path}.`);
      return { status: 404, body: problem.body as string, headers: problem.headers as Record<string, string> };
    },
  });
}
