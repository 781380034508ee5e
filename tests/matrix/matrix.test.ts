import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { httpFunctions } from '../../functions/catalogue';
import { api } from '../support/api';
import { buildFixture, type Fixture } from './fixture';
import { PERSONAS, type MatrixEntry } from './types';

/**
 * The authorization matrix: every endpoint × every persona, over real HTTP, with the expected status, and for
 * reads the fields that must be absent. Entries live in entries/<area>.ts.
 */
const entries: MatrixEntry[] = readdirSync(join(__dirname, 'entries'))
  .filter((file) => file.endsWith('.ts'))
  // Loaded by folder so an area adds its entries without touching this file.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  .flatMap((file) => (require(join(__dirname, 'entries', file)) as { entries: MatrixEntry[] }).entries);

function valueAt(body: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => {
    if (value === undefined || value === null) return undefined;
    if (Array.isArray(value)) return value.map((item) => (item as Record<string, unknown>)[key]).find((v) => v !== undefined);
    return (value as Record<string, unknown>)[key];
  }, body);
}

let fx: Fixture;
beforeAll(async () => {
  fx = await buildFixture();
}, 60_000);
afterAll(() => fx?.db.close());

it('has an entry for every HTTP function', () => {
  const covered = new Set(entries.map((e) => e.function));
  const missing = httpFunctions()
    .filter((f) => !f.hidden && f.name !== 'openapi')
    .map((f) => f.name)
    .filter((name) => !covered.has(name));
  expect(missing).toEqual([]);
});

describe.each(entries.map((e) => [`${e.method} ${e.function}${e.label ? ` (${e.label})` : ''}`, e] as const))('%s', (_name, entry) => {
  it.each(PERSONAS.map((p) => [p, entry.expect[p]] as const))('%s → %i', async (persona, status) => {
    const request = await entry.request(fx, persona);
    const response = await api(request.path, { method: entry.method, token: fx.tokens[persona], json: request.json, headers: request.headers });
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${response.text.slice(0, 300)}`);
    for (const field of entry.absentFields?.[persona] ?? []) {
      expect({ field, value: valueAt(response.body, field) }).toEqual({ field, value: undefined });
      expect(response.text).not.toContain(`"${field.split('.').pop()}":`);
    }
  });
});
