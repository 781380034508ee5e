import { httpFunctions } from '../../functions/catalogue';
import type { DemoRequest } from '../../scripts/demo';

export const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** Every client sends these; the document declares them as the security scheme and the request body's media type. */
const ALWAYS_ALLOWED = new Set(['authorization', 'content-type']);

/** What the API's own definitions (the OpenAPI document's source) say about one request a demo sends: empty when it is allowed. */
export function refusals(request: DemoRequest): string[] {
  const definition = httpFunctions().find(
    (d) => !d.hidden && d.methods.includes(request.method as never) && new RegExp(`^/api/${d.route.replace(/\{(\w+):guid\}/g, UUID).replace(/\{\w+\}/g, '[^/]+')}$`).test(request.path),
  );
  if (!definition) return [`${request.method} ${request.path}: no such operation`];
  const problems: string[] = [];
  const statuses = Object.keys(definition.responses).map(Number);
  const declared = new Set([
    ...ALWAYS_ALLOWED,
    ...Object.keys(definition.requestHeaders ?? {}).map((name) => name.toLowerCase()),
    ...(statuses.includes(412) || statuses.includes(428) ? ['if-match'] : []),
  ]);
  for (const header of Object.keys(request.headers)) if (!declared.has(header.toLowerCase())) problems.push(`${definition.name}: header ${header} is not declared`);
  if (request.json !== undefined) {
    const schema = definition.body ?? definition.rawBodyContent?.['application/json']?.schema;
    if (!schema) problems.push(`${definition.name}: takes no JSON body`);
    else for (const issue of schema.safeParse(request.json).error?.issues ?? []) problems.push(`${definition.name}: ${issue.path.join('.')} ${issue.message}`);
  } else if (definition.body) problems.push(`${definition.name}: its body is required`);
  return problems;
}
