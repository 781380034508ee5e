import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REGISTRATIONS_FILE } from '../../functions/registered-functions';
import { ROOT } from '../../tests/support/processes';
import type { BenchResult } from './index';

/**
 * Cold start: a fresh Node process imports the app's entry point (dist/functions/index.js, as the Functions host
 * does), against a bare @azure/functions app with one HTTP function, alternately, several times each. Each child
 * reports its import's wall and CPU time and its peak RSS; the medians are compared.
 */
const RUNS = Number(process.env.BENCH_COLD_START_RUNS ?? 5);
const TARGET_RATIO = 1.5;
const TARGET_EXTRA_RSS_MB = 30;

/**
 * On Azure the Functions worker hands @azure/functions its core API (the module `@azure/functions-core`), and each
 * function is registered through it; without one the library runs in test mode and writes a warning to stderr for
 * each function instead, which is not what a cold instance pays. Both apps are imported with a stand-in that records
 * each registration as the worker's does, and the count is checked against the registration list.
 */
const WORKER_CORE_API = `
const registered = [];
const core = { setProgrammingModel() {}, registerFunction(metadata) { registered.push(metadata.name); return { dispose() {} }; }, registerHook() { return { dispose() {} }; }, log() {} };
const Module = require('node:module');
const load = Module._load;
Module._load = function (request, ...rest) { return request === '@azure/functions-core' ? core : load.call(this, request, ...rest); };`;

const MEASURE = (entry: string) => `${WORKER_CORE_API}
const started = performance.now(); const cpu = process.cpuUsage();
require(${JSON.stringify(entry)});
const used = process.cpuUsage(cpu);
process.stdout.write(JSON.stringify({ wall: performance.now() - started, cpu: (used.user + used.system) / 1000, rss: process.resourceUsage().maxRSS / 1024, registered: registered.length }));
process.exit(0);`;

/**
 * After the import, what the entry point's lazy path does on a function's first invocation, timed on its own: the
 * function's module, the adapter, the database layer and the clients loaded, then one request answered (without
 * credentials: 401 before any network call), as on Azure, where nothing of it is loaded before the first request.
 */
const FIRST_INVOCATION = (entry: string, name: string, method: string, route: string) => `
// Every run shares one database: the function's rate limit must not answer instead.
process.env.RATE_LIMITS = ${JSON.stringify(JSON.stringify({ [name]: { windowSeconds: 60, max: 1_000_000 } }))};
require(${JSON.stringify(entry)});
const { HttpRequest, InvocationContext } = require('@azure/functions');
const dist = require('node:path').join(${JSON.stringify(entry)}, '..', '..');
const { registeredFunctions } = require(dist + '/functions/registered-functions.js');
const { lazyHttpHandler } = require(dist + '/shared/runtime/lazy-handlers.js');
const { settingsFromEnvironment } = require(dist + '/shared/config/environment.js');
const fn = registeredFunctions(dist + '/functions').find((f) => f.name === ${JSON.stringify(name)});
const started = performance.now(); const cpu = process.cpuUsage();
const services = require(dist + '/shared/app-services.js').createAppServices(settingsFromEnvironment());
lazyHttpHandler(fn, () => services)(new HttpRequest({ method: ${JSON.stringify(method)}, url: 'http://127.0.0.1/api/${route}', headers: {} }), new InvocationContext({ functionName: fn.name }))
  .then((response) => {
    if (response.status !== 401) throw new Error('expected 401, got ' + response.status);
    const used = process.cpuUsage(cpu);
    process.stdout.write(JSON.stringify({ wall: performance.now() - started, cpu: (used.user + used.system) / 1000, rss: process.resourceUsage().maxRSS / 1024 }));
    process.exit(0);
  });`;
const FIRST_INVOCATIONS = [
  { kind: 'data read', name: 'me', method: 'GET', route: 'me' },
  { kind: 'interview turn', name: 'ai-interviewer', method: 'POST', route: 'ai-interviewer' },
  { kind: 'resume parse', name: 'parse-resume', method: 'POST', route: 'parse-resume' },
];

const BARE_APP = `const { app } = require('@azure/functions');
app.http('hello', { methods: ['GET'], authLevel: 'anonymous', handler: async () => ({ body: 'hello' }) });`;

interface Run {
  wall: number;
  cpu: number;
  rss: number;
  /** Functions registered with the worker's core API (import runs only). */
  registered?: number;
}

function run(entry: string, script = MEASURE(entry), dataDir = mkdtempSync(join(tmpdir(), 'talenti-cold-'))): Run {
  const child = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'error', DATA_DIR: dataDir }, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`import of ${entry} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.slice(child.stdout.lastIndexOf('{'))) as Run;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

export async function benchColdStart(): Promise<BenchResult> {
  // Beside the build (git-ignored), so it resolves @azure/functions from the checkout as the entry point does.
  const bare = join(ROOT, 'dist', 'bench-bare-functions-app.js');
  writeFileSync(bare, BARE_APP);
  const entry = join(ROOT, 'dist', 'functions', 'index.js');
  const apps: Run[] = [];
  const bares: Run[] = [];
  run(entry); // the first read of the files fills the OS cache for both
  for (let i = 0; i < RUNS; i++) {
    apps.push(run(entry));
    bares.push(run(bare));
  }
  const functions = (JSON.parse(readFileSync(join(ROOT, 'dist', 'functions', REGISTRATIONS_FILE), 'utf8')) as unknown[]).length;
  if (apps.some((r) => r.registered !== functions) || bares.some((r) => r.registered !== 1)) {
    throw new Error(`an import registered too few functions: ${apps.map((r) => r.registered).join(', ')} of ${functions}; ${bares.map((r) => r.registered).join(', ')} of 1`);
  }
  const [appWall, bareWall] = [median(apps.map((r) => r.wall)), median(bares.map((r) => r.wall))];
  const [appCpu, bareCpu] = [median(apps.map((r) => r.cpu)), median(bares.map((r) => r.cpu))];
  const [appRss, bareRss] = [median(apps.map((r) => r.rss)), median(bares.map((r) => r.rss))];
  const ratio = appWall / bareWall;
  const cpuRatio = appCpu / bareCpu;
  const extraRss = appRss - bareRss;
  const verdict = (met: boolean) => (met ? 'met' : 'not met');
  // A migrated database: some functions count the request against their rate limit before authenticating it.
  const migrated = mkdtempSync(join(tmpdir(), 'talenti-cold-'));
  const migration = spawnSync(process.execPath, [join(ROOT, 'dist', 'scripts', 'migrate.js')], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'error', DATA_DIR: migrated }, encoding: 'utf8' });
  if (migration.status !== 0) throw new Error(`migration failed: ${migration.stderr}`);
  const firstInvocations = FIRST_INVOCATIONS.map(({ kind, name, method, route }) => {
    const runs = Array.from({ length: RUNS }, () => run(entry, FIRST_INVOCATION(entry, name, method, route), migrated));
    return `first invocation of a ${kind} (${name}) after the import: ${median(runs.map((r) => r.wall)).toFixed(0)} ms wall, ${median(runs.map((r) => r.cpu)).toFixed(0)} ms CPU, ${median(runs.map((r) => r.rss)).toFixed(0)} MB peak RSS`;
  });
  return {
    name: `cold start: import of the entry point vs a bare functions app (${RUNS} runs each)`,
    total_ms: Math.round(appWall),
    ops_per_second: Math.round((1000 / appWall) * 100) / 100,
    cpu_ms: Math.round(appCpu),
    target: `≤ ${TARGET_RATIO}× the bare app's import time, ≤ ${TARGET_EXTRA_RSS_MB} MB more RSS`,
    met: ratio <= TARGET_RATIO && extraRss <= TARGET_EXTRA_RSS_MB,
    notes: [
      `entry point import: ${appWall.toFixed(0)} ms wall, ${appCpu.toFixed(0)} ms CPU, ${appRss.toFixed(0)} MB peak RSS (medians), ${functions} functions registered`,
      `bare app import: ${bareWall.toFixed(0)} ms wall, ${bareCpu.toFixed(0)} ms CPU, ${bareRss.toFixed(0)} MB peak RSS`,
      `ratio ${ratio.toFixed(2)}× wall, ${cpuRatio.toFixed(2)}× CPU (target ≤ ${TARGET_RATIO}×): ${verdict(ratio <= TARGET_RATIO)}`,
      `RSS difference ${extraRss.toFixed(1)} MB (target ≤ ${TARGET_EXTRA_RSS_MB} MB): ${verdict(extraRss <= TARGET_EXTRA_RSS_MB)}`,
      ...firstInvocations,
    ],
  };
}
