import { z } from 'zod';

/**
 * The JSON schema sent to the model for structured output. Azure OpenAI's strict mode accepts a subset of JSON
 * Schema: every property required, no additional properties, and none of the validation keywords below. The
 * full zod schema still validates the answer afterwards, so nothing is lost by leaving them out here.
 */
const UNSUPPORTED = new Set([
  'minLength', 'maxLength', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'multipleOf', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'default', '$schema', 'id',
]);

function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!UNSUPPORTED.has(key)) out[key] = strip(value);
  }
  if (out.type === 'object' && out.properties && typeof out.properties === 'object') {
    out.required = Object.keys(out.properties);
    out.additionalProperties = false;
  }
  return out;
}

export function toModelJsonSchema(schema: z.ZodType): Record<string, unknown> {
  // An empty metadata registry: named schemas are inlined instead of becoming $refs the model would not resolve.
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any', metadata: z.registry<{ id?: string }>() });
  return strip(json) as Record<string, unknown>;
}
