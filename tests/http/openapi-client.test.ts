import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, baseUrl, createOrganisation, tokenFor, uniqueEmail } from '../support/api';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'node_modules', '.bin');

/** Runs node or a tool of node_modules/.bin, failing the test with its output when it fails. */
function run(tool: string, args: string[], env: Record<string, string> = {}): string {
  const result = spawnSync(tool === 'node' ? process.execPath : join(BIN, tool), args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

function compile(folder: string): ReturnType<typeof spawnSync> {
  return spawnSync(join(BIN, 'tsc'), ['--strict', '--noUncheckedIndexedAccess', '--target', 'ES2022', '--module', 'commonjs', '--types', 'node', '--skipLibCheck', '--outDir', join(folder, 'out'), join(folder, 'client.ts')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
}

/**
 * The frontend generates its client from GET /api/openapi.json with openapi-typescript: the generated types must let
 * it send If-Match, read the ETag and handle a problem body, and the program written on them must work for real.
 */
describe('a typed client generated from the OpenAPI document', () => {
  let folder: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'talenti-typed-client-'));
    const document = await api('/api/openapi.json');
    expect(document.status).toBe(200);
    writeFileSync(join(folder, 'openapi.json'), document.text);
    run('openapi-typescript', [join(folder, 'openapi.json'), '--output', join(folder, 'api.d.ts')]);
  }, 60_000);

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('type-checks a program that sends If-Match, reads the ETag and handles a problem body, and the program works', async () => {
    copyFileSync(join(__dirname, 'fixtures', 'typed-client.ts.txt'), join(folder, 'client.ts'));
    const compiled = compile(folder);
    expect(`${compiled.stdout}${compiled.stderr}`).toBe('');
    expect(compiled.status).toBe(0);

    const token = await tokenFor(uniqueEmail('typed-client'));
    const organisation = await createOrganisation(token);
    const output = run('node', [join(folder, 'out', 'client.js')], { API_BASE_URL: baseUrl(), API_TOKEN: token, ORGANISATION_ID: organisation.id });
    const result = JSON.parse(output) as { readEtag: string; newEtag: string | null; staleStatus: number; staleRequestId: string };
    expect(result.readEtag).toMatch(/^"\d+"$/);
    expect(result.newEtag).toMatch(/^"\d+"$/);
    expect(result.newEtag).not.toBe(result.readEtag);
    expect(result.staleStatus).toBe(412);
    expect(result.staleRequestId).toEqual(expect.any(String));
  }, 60_000);

  it('refuses, at compile time, a program that handles a response the document does not declare', () => {
    const program = readFileSync(join(__dirname, 'fixtures', 'typed-client.ts.txt'), 'utf8').replace(
      "OrganisationRead['headers']['etag'] | null",
      "OrganisationRead['headers']['etag'] | OrganisationUpdate['responses'][299]",
    );
    writeFileSync(join(folder, 'client.ts'), program);
    const compiled = compile(folder);
    expect(compiled.status).not.toBe(0);
    expect(compiled.stdout).toContain('client.ts');
  }, 60_000);
});
