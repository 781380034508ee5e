import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { allFunctions } from '../../functions/catalogue';
import { buildPackage } from '../../scripts/infra/package';
import { readZip, type ZipEntry } from '../../scripts/infra/zip';
import { ROOT } from '../support/processes';
import { compileDeployment, deployedAppSettings, PLATFORM_ENVIRONMENT } from './deployment';

/** `npm run package`: the zip holds what the app runs and nothing else, and the app starts from it. */

let entries: ZipEntry[];
let names: string[];

beforeAll(async () => {
  const built = await buildPackage(ROOT, mkdtempSync(join(tmpdir(), 'talenti-package-')));
  entries = readZip(readFileSync(built.zipPath));
  names = entries.map((e) => e.name);
}, 600_000);

describe('the deployable package', () => {
  it('holds the compiled app, host.json and a package.json whose main is the composition root', () => {
    expect(names).toContain('host.json');
    expect(names).toContain('dist/functions/index.js');
    expect(names).toContain('dist/functions/registrations.json'); // the entry point registers every function from it
    expect(names).toContain('dist/shared/http/api-reference.html'); // GET /api/docs serves it
    const manifest = JSON.parse(entries.find((e) => e.name === 'package.json')?.data.toString() ?? '{}') as Record<string, unknown>;
    expect(manifest.main).toBe('dist/functions/index.js');
    expect(manifest).not.toHaveProperty('devDependencies');
    expect(manifest).not.toHaveProperty('scripts');
    expect(entries.find((e) => e.name === 'host.json')?.data.toString()).toBe(readFileSync(join(ROOT, 'host.json'), 'utf8'));
  });

  it('leaves out local data, settings, tests, scripts, sources and infrastructure', () => {
    const outside = names.filter((n) => !n.startsWith('node_modules/'));
    expect(outside.filter((n) => !/^(package\.json|host\.json|dist\/(functions|shared)\/.+\.js|dist\/functions\/registrations\.json|dist\/package\.json|dist\/shared\/http\/api-reference\.html)$/.test(n))).toEqual([]);
    expect(names.filter((n) => /(^|\/)(\.data|local\.settings\.json)(\/|$)/.test(n))).toEqual([]);
  });

  it('.funcignore leaves out every top-level file and folder of the repository that the package leaves out', () => {
    const ignored = readFileSync(join(ROOT, '.funcignore'), 'utf8').split('\n').filter((line) => line && !line.startsWith('#'));
    const kept = new Set(names.map((n) => n.split('/')[0] ?? n));
    const tracked = spawnSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    const topLevel = new Set([...tracked.map((path) => path.split('/')[0] ?? path), '.data', 'local.settings.json', 'out']);
    const matches = (name: string) => ignored.some((pattern) => pattern.replace(/^\/|\/$/g, '') === name || (pattern === '/.git*' && name.startsWith('.git')));
    expect([...topLevel].filter((name) => !kept.has(name) && !matches(name))).toEqual([]);
    expect([...kept].filter((name) => matches(name))).toEqual([]);
    for (const compiled of ['scripts', 'tests', 'bicep']) expect(ignored).toContain(`/dist/${compiled}/`);
  });

  it('holds no package that only the development tools need, nor better-sqlite3 (local runs only)', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const devOnly = Object.entries(lock.packages).filter(([path, p]) => p.dev && path.startsWith('node_modules/')).map(([path]) => `${path}/`);
    expect(devOnly.length).toBeGreaterThan(100);
    const shipped = new Set(names.map((n) => n.replace(/^((?:.*\/)?node_modules\/(?:@[^/]+\/)?[^/]+\/).*$/, '$1')));
    expect(devOnly.filter((path) => shipped.has(path))).toEqual([]);
    for (const tool of ['typescript', 'jest', 'eslint', 'azurite', 'better-sqlite3']) expect(shipped.has(`node_modules/${tool}/`)).toBe(false);
    expect(shipped.has('node_modules/tedious/')).toBe(true);
  });

  it("loads the app's entry point from the unzipped package with the Bicep's app settings, registers every function and can load each", () => {
    const dir = mkdtempSync(join(tmpdir(), 'talenti-unzipped-'));
    for (const entry of entries) {
      mkdirSync(dirname(join(dir, entry.name)), { recursive: true });
      writeFileSync(join(dir, entry.name), entry.data, { mode: entry.mode & 0o777 });
    }
    // Outside the Functions host @azure/functions runs in test mode: it logs each registration it skips.
    // Then what first invocations load: every function's module, as the registration list names it.
    const firstInvocations = "for (const f of require('./dist/functions/registrations.json')) require('./dist/functions/' + f.module)";
    const run = spawnSync(process.execPath, ['-e', `require('./dist/functions/index.js'); ${firstInvocations}`], {
      cwd: dir,
      encoding: 'utf8',
      // As on Azure: the settings the Bicep gives the app (TALENTI_ENV=azure, Azure SQL, so no SQLite), nothing else.
      env: { PATH: process.env.PATH, ...PLATFORM_ENVIRONMENT, ...deployedAppSettings(compileDeployment()) },
      timeout: 120_000,
    });
    expect(run.status).toBe(0);
    const registered = [...`${run.stdout}${run.stderr}`.matchAll(/register function "([^"]+)"/g)].map((m) => m[1]);
    expect(registered.sort()).toEqual(allFunctions.map((f) => f.name).sort());
    // The hook that flushes the rate-limit ledger and closes the pool when the host stops the instance.
    expect(`${run.stdout}${run.stderr}`).toContain('register appTerminate hook');
  }, 180_000);
});
