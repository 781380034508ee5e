import { z } from 'zod';
import { array, atLeast, atMost, coerced, either, email, int, matches, maxLength, minLength, number, object, oneOf, optional, positive, record, string, url, uuid, type Check, type Issue } from '../../shared/config/checks';

/**
 * The settings' checks (shared/config/checks.ts) replaced zod at start-up (cold start, docs/performance.md); zod
 * still validates every request. Each check here is held to the zod schema it stands for: the same values pass,
 * read the same, and are refused with the same messages at the same paths.
 */
function verdictOf<T>(check: Check<T>, input: unknown): { value: T } | { issues: string[] } {
  const issues: Issue[] = [];
  const value = check(input, '', issues);
  return issues.length === 0 ? { value } : { issues: issues.map((i) => `${i.path} ${i.message}`) };
}

function zodVerdictOf(schema: z.ZodType, input: unknown): { value: unknown } | { issues: string[] } {
  const result = schema.safeParse(input);
  return result.success ? { value: result.data } : { issues: result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`) };
}

const cases: Array<[string, Check<unknown>, z.ZodType, unknown[]]> = [
  ['a non-empty string', string(minLength(1)), z.string().min(1), ['', 'a', 7, null, undefined]],
  ['a long secret', string(minLength(32)), z.string().min(32), ['x'.repeat(31), 'x'.repeat(32)]],
  ['a pattern', string(matches(/^[a-z0-9]{2,40}$/)), z.string().regex(/^[a-z0-9]{2,40}$/), ['australiaeast', 'Australia East', 'a']],
  ['a pattern with its own message', string(matches(/^\+[1-9]\d{6,14}$/, 'must be E.164')), z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be E.164'), ['+61291234567', '02 9123 4567']],
  ['a URL', url, z.url(), ['https://example.com/a', '  https://example.com  ', 'https://exa\tmple.com', 'not a url', 'http:example.com', '', 5]],
  ['a UUID', uuid, z.uuid(), ['0f8fad5b-d9cb-469f-a165-70867728950e', '0f8fad5b-d9cb-969f-a165-70867728950e', '00000000-0000-0000-0000-000000000000', '123']],
  ['an email address', email(maxLength(320)), z.email().max(320), ['a@b.com', "o'neil@mail.example.com.au", 'not-an-email', `${'a'.repeat(320)}@b.com`, 'x'.repeat(330)]],
  ['one of', oneOf('sqlite', 'mssql'), z.enum(['sqlite', 'mssql']), ['sqlite', 'postgres', 3]],
  ['an environment integer', coerced(number(int, atLeast(1), atMost(65_535))), z.coerce.number().int().min(1).max(65_535), ['1433', '0', '1.5', '0.5', '-0.5', 'abc', ' 80 ', '0x50', '70000', 'Infinity', '1e3']],
  ['an environment decimal', coerced(number(atLeast(0.1), atMost(120))), z.coerce.number().min(0.1).max(120), ['15', '0.05', '2.5', 'x']],
  ['a JSON integer', number(int, positive, atMost(86_400)), z.number().int().positive().max(86_400), [60, 0, 0.5, 86_401, '60', null]],
  [
    'an issuer list',
    array(object({ issuer: url, jwksUri: url, audience: either(string(minLength(1)), array(string(minLength(1)), 1)) }), 1),
    z.array(z.object({ issuer: z.url(), jwksUri: z.url(), audience: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]) })).min(1),
    [
      [],
      'x',
      [null],
      [{ issuer: 1 }],
      [{ issuer: 'https://a', jwksUri: 'https://b', audience: 'api://t', extra: 1 }],
      [{ issuer: 'https://a', jwksUri: 'https://b', audience: ['x', 'y'] }],
      [{ issuer: 'https://a', jwksUri: 'https://b', audience: '' }],
      [{ issuer: 'https://a', jwksUri: 'https://b', audience: [] }],
      [{ issuer: 'https://a', jwksUri: 'https://b', audience: ['x', ''] }],
      [{ issuer: 'https://a', jwksUri: 'https://b', audience: 5 }],
    ],
  ],
  [
    'rate-limit overrides',
    record(object({ windowSeconds: number(int, positive, atMost(86_400)), max: number(int, positive), keys: optional(array(oneOf('ip', 'user'), 1)) })),
    z.record(z.string(), z.object({ windowSeconds: z.number().int().positive().max(86_400), max: z.number().int().positive(), keys: z.array(z.enum(['ip', 'user'])).min(1).optional() })),
    [
      { a: { windowSeconds: 60, max: 1, keys: ['ip', 'user'], z: 1 } },
      { a: { windowSeconds: 0, max: 1 } },
      { a: { windowSeconds: 60, max: 1, keys: [] } },
      { a: { windowSeconds: 60, max: 1, keys: ['host'] } },
      { a: { windowSeconds: '60', max: 1.5 } },
      { a: 1 },
      [],
      null,
    ],
  ],
];

describe('the settings checks', () => {
  it.each(cases)('judge %s as zod does', (_what, check, schema, inputs) => {
    for (const input of inputs) expect([input, verdictOf(check, input)]).toEqual([input, zodVerdictOf(schema, input)]);
  });

  it('leave a __proto__ key out of a map instead of setting its prototype', () => {
    const value = verdictOf(record(number()), JSON.parse('{"__proto__": 1, "a": 2}'));
    expect(value).toEqual({ value: { a: 2 } });
    expect(Object.getPrototypeOf((value as { value: object }).value)).toBe(Object.prototype);
  });
});
