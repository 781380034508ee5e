import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeZip, type ZipEntry } from './zip';

/**
 * The deployable package: what the app needs at run time and nothing else. Compiled code of functions/ and shared/,
 * host.json, a package.json whose `main` is the composition root, and the production dependencies as installed.
 * No .data/, tests, scripts, sources, dev dependencies or local.settings.json.
 *
 * better-sqlite3 is left out: it backs only local runs (SQLite), is loaded lazily when DATABASE_PROVIDER=sqlite,
 * which the app refuses on Azure, and its native binary is built for the build machine.
 */
const LEFT_OUT = new Set(['better-sqlite3']);
const COMPILED = ['dist/functions', 'dist/shared'];

interface LockedPackage {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

interface Manifest {
  name: string;
  version: string;
  description?: string;
  main: string;
  engines?: Record<string, string>;
  dependencies: Record<string, string>;
}

/** Where Node would find `name` from the package at `from` (a lockfile path like node_modules/a/node_modules/b). */
function resolveInLock(name: string, from: string, locked: Record<string, LockedPackage>): string | undefined {
  for (let at = from; ; at = at.replace(/\/?node_modules\/(@[^/]+\/)?[^/]+$/, '')) {
    const candidate = at ? `${at}/node_modules/${name}` : `node_modules/${name}`;
    if (candidate in locked) return candidate;
    if (!at) return undefined;
  }
}

/** The lockfile paths of every package the production dependencies need, transitively. */
export function productionPackages(root: string, manifest: Manifest): string[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockedPackage> };
  const found = new Set<string>();
  const visit = (name: string, from: string, optional: boolean): void => {
    const path = resolveInLock(name, from, lock.packages);
    if (!path || !existsSync(join(root, path))) {
      if (optional) return;
      throw new Error(`${name} (needed by ${from || 'the app'}) is not installed; run npm ci`);
    }
    if (found.has(path)) return;
    found.add(path);
    const pkg = lock.packages[path] ?? {};
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, path, false);
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) visit(dep, path, true);
    for (const dep of Object.keys(pkg.peerDependencies ?? {})) visit(dep, path, pkg.peerDependenciesMeta?.[dep]?.optional ?? false);
  };
  for (const name of Object.keys(manifest.dependencies)) visit(name, '', false);
  return [...found].sort();
}

function filesUnder(root: string, dir: string, skip: (path: string) => boolean): string[] {
  return readdirSync(join(root, dir)).flatMap((entry) => {
    const path = `${dir}/${entry}`;
    if (skip(path)) return [];
    return statSync(join(root, path)).isDirectory() ? filesUnder(root, path, skip) : [path];
  });
}

export interface BuiltPackage {
  /** The unpacked package (azure.yaml deploys this folder). */
  stageDir: string;
  zipPath: string;
  files: string[];
}

/** Stages the package in outDir/package and zips it to outDir/talenti-functions.zip. Needs `npm run build` first. */
export async function buildPackage(root: string, outDir: string): Promise<BuiltPackage> {
  const source = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
  const manifest: Manifest = {
    name: source.name,
    version: source.version,
    description: source.description,
    main: source.main,
    engines: source.engines,
    dependencies: Object.fromEntries(Object.entries(source.dependencies).filter(([name]) => !LEFT_OUT.has(name))),
  };
  if (!existsSync(join(root, source.main))) throw new Error(`${source.main} is missing; run npm run build first`);

  const compiled = COMPILED.flatMap((dir) => filesUnder(root, dir, (path) => path.endsWith('.map')));
  // A nested node_modules holds packages of its own, staged only if they are in the production set.
  const dependencies = productionPackages(root, manifest).flatMap((dir) => filesUnder(root, dir, (path) => path.endsWith('/node_modules')));

  const stageDir = join(outDir, 'package');
  rmSync(stageDir, { recursive: true, force: true });
  const manifestText = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  // dist/package.json is tsc's copy for the code that reads the version (functions/platform/openapi.ts).
  const entries: ZipEntry[] = ['package.json', 'dist/package.json'].map((name) => ({ name, data: manifestText, mode: 0o100644 }));
  for (const file of ['host.json', ...compiled, ...dependencies]) {
    entries.push({ name: file, data: readFileSync(join(root, file)), mode: statSync(join(root, file)).mode });
  }
  for (const entry of entries) {
    mkdirSync(dirname(join(stageDir, entry.name)), { recursive: true });
    writeFileSync(join(stageDir, entry.name), entry.data, { mode: entry.mode });
  }
  const zipPath = join(outDir, 'talenti-functions.zip');
  writeFileSync(zipPath, writeZip(entries));
  const files = entries.map((e) => e.name);
  return { stageDir, zipPath, files };
}
