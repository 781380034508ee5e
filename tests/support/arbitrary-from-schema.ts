import fc from 'fast-check';
import { z } from 'zod';

/**
 * Request bodies for property-based tests, generated from an endpoint's own zod schema (through the JSON Schema
 * zod writes for the OpenAPI document), then mutated the ways careless and hostile clients do.
 */
type JsonSchema = {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  type?: string | string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
};

/** Generated strings and lists stay short: validity is the point here, size is what the mutations try. */
const MAX_GENERATED = 40;

const isoDate = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true });

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'email') return fc.emailAddress().filter((e) => e.length <= (schema.maxLength ?? 320) && z.email().safeParse(e).success);
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'uri') return fc.webUrl({ validSchemes: ['https'] }).filter((u) => u.length <= (schema.maxLength ?? 2048));
  if (schema.format === 'date') return isoDate.map((d) => d.toISOString().slice(0, 10));
  if (schema.format === 'date-time') return isoDate.map((d) => d.toISOString());
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? Infinity));
  const minLength = schema.minLength ?? 0;
  return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(schema.maxLength ?? MAX_GENERATED, MAX_GENERATED)) }).filter((s) => s.trim().length >= minLength);
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1_000_000);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1_000_000);
  return integer ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

function arbitraryOf(schema: JsonSchema, root: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.$ref) {
    const target = root.$defs?.[schema.$ref.replace('#/$defs/', '')];
    if (!target) throw new Error(`unresolved ${schema.$ref}`);
    return arbitraryOf(target, root);
  }
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map((c) => arbitraryOf(c, root)));
  if (schema.allOf?.[0]) return arbitraryOf(schema.allOf[0], root);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type) => arbitraryOf({ ...schema, type }, root)));
  switch (schema.type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(arbitraryOf(schema.items ?? {}, root), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 5, 5) });
    case 'object': {
      const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, value]) => [key, arbitraryOf(value, root)]));
      return fc.record(properties, { requiredKeys: schema.required ?? [] });
    }
    default:
      return fc.constant(null);
  }
}

/** Bodies the schema accepts, as far as JSON Schema can say (refinements such as cross-field rules are not in it). */
export function validBodies(schema: z.ZodType): fc.Arbitrary<unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return arbitraryOf(json, json);
}

/** Strings that break careless code: empty, blank, huge, controls, bidi overrides, lone surrogates, astral planes. */
export const ODD_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\u202eevil', '\ud800', '\udfff\ud800', '𝕏😀👩🏽‍💻', '\u200b', '\ufeff', 'x'.repeat(70_000), '😀'.repeat(5000),
  'null', '{"__proto__":{"admin":true}}', '../../etc/passwd', "'; drop table users; --", '%00%2F', 'NaN', '-0', '1e309',
];

const wrongValue = fc.oneof(
  fc.constantFrom<unknown>(null, true, 0, -1, 1e308, [], {}, [null], { $gt: '' }),
  fc.constantFrom(...ODD_STRINGS),
  fc.integer(),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

/**
 * A valid body, or one mutated: a field removed, an unknown field added, a field given a value of the wrong type
 * or an odd string, or a body that is not an object at all.
 */
export function mutatedBodies(schema: z.ZodType): fc.Arbitrary<unknown> {
  return fc
    .tuple(validBodies(schema), fc.nat(), fc.constantFrom('valid', 'remove', 'extra', 'wrong', 'whole'), wrongValue, fc.string({ minLength: 1, maxLength: 20 }))
    .map(([body, pick, how, wrong, extraKey]) => {
      if (how === 'whole' || typeof body !== 'object' || body === null || Array.isArray(body)) return how === 'valid' ? body : wrong;
      const record = { ...(body as Record<string, unknown>) };
      const keys = Object.keys(record);
      const key = keys[pick % Math.max(keys.length, 1)];
      if (how === 'remove' && key !== undefined) delete record[key];
      if (how === 'extra') record[extraKey] = wrong;
      if (how === 'wrong' && key !== undefined) record[key] = wrong;
      return record;
    });
}
