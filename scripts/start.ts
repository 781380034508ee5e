import { join } from 'node:path';
import { registeredFunctions } from '../functions/registered-functions';
import { createAppServices } from '../shared/app-services';
import { devJwks, loadOrCreateDevKeys } from '../shared/auth/dev-issuer';
import { applyLocalSettingsFile, settingsFromEnvironment } from '../shared/config/environment';
import { ConfigError } from '../shared/config/settings';
import { migrateToLatest } from '../shared/db/migrate';
import { startAzurite, type AzuriteProcess } from './local-host/azurite';
import { readQueueHostSettings } from './local-host/host-json';
import { startLocalHost } from './local-host/host';

/**
 * `npm start`: the whole backend on this machine. Azurite for blobs, SQLite under the data folder (migrated),
 * a dev sign-in issuer, and every function behind http://127.0.0.1:7071 as Core Tools would serve it.
 */
/** What has been started so far, stopped in reverse order on Ctrl-C, SIGTERM or a failed start-up. */
const started: Array<() => Promise<unknown>> = [];
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const stop of started.reverse()) await stop().catch(() => undefined);
  }
  process.exit(code);
}

async function main(): Promise<void> {
  // Installed first: a signal during start-up must still stop the Azurite children already running.
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  const usedSettingsFile = applyLocalSettingsFile();
  const settings = settingsFromEnvironment();
  const isLocal = (storage: typeof settings.storage) => storage.kind === 'connection-string' && storage.connectionString.includes('127.0.0.1');
  const location = join(settings.dataDir, 'azurite');
  const [azurite, azuriteQueues] = await startedAll([
    isLocal(settings.storage) ? startAzurite({ service: 'blob', port: settings.localHost.azuriteBlobPort, location }) : undefined,
    isLocal(settings.queues) ? startAzurite({ service: 'queue', port: settings.localHost.azuriteQueuePort, location }) : undefined,
  ]);

  const services = createAppServices(settings);
  started.push(() => services.close());
  const { applied } = await migrateToLatest(services.database.db, services.database.dialect);
  await services.storage.ensureContainers();
  await services.queues.ensureQueues();
  const keys = settings.auth.devIssuer ? await loadOrCreateDevKeys(settings.dataDir) : undefined;
  const host = await startLocalHost({
    port: settings.localHost.port,
    // As the entry point registers them on Azure, so every test run goes through the same lazy loading.
    functions: registeredFunctions(join(__dirname, '..', 'functions')),
    services,
    corsAllowedOrigins: settings.localHost.corsAllowedOrigins,
    devJwks: keys ? devJwks(keys) : undefined,
    // host.json sits beside package.json; this file runs from dist/scripts/.
    queues: { client: services.queues.client, settings: readQueueHostSettings(join(__dirname, '..', '..', 'host.json')) },
  });
  started.push(() => host.close());

  const lines = [
    `Talenti backend is running${usedSettingsFile ? ' (settings from local.settings.json)' : ' on embedded defaults'}.`,
    `  API:        ${host.url}/api/`,
    `  Health:     ${host.url}/api/health`,
    `  OpenAPI:    ${host.url}/api/openapi.json`,
    `  Database:   ${settings.database.provider === 'sqlite' ? settings.database.path : `${settings.database.server}/${settings.database.database}`}` +
      (applied.length ? ` (applied ${applied.join(', ')})` : ''),
    ...(azurite ? [`  Blob:       http://127.0.0.1:${settings.localHost.azuriteBlobPort} (Azurite${azurite.startedHere ? '' : ', already running'})`] : []),
    ...(azuriteQueues ? [`  Queues:     http://127.0.0.1:${settings.localHost.azuriteQueuePort} (Azurite${azuriteQueues.startedHere ? '' : ', already running'})`] : []),
    ...(keys ? [`  Sign in:    npm run token -- --email you@example.com [--org "Acme" --role admin]`] : []),
    `  Timers and queue functions: POST ${host.url}/admin/functions/<name> {"input": "..."}; Event Grid: POST ${host.url}/runtime/webhooks/eventgrid?functionName=<name>`,
    'Press Ctrl-C to stop.',
  ];
  console.log(lines.join('\n'));
  console.log(`ready ${host.url}`);
}

/** Starts the Azurite services side by side (each takes seconds to boot); those that started are kept for shutdown even when another fails. */
async function startedAll(starting: Array<Promise<AzuriteProcess> | undefined>): Promise<Array<AzuriteProcess | undefined>> {
  const results = await Promise.allSettled(starting);
  for (const result of results) if (result.status === 'fulfilled' && result.value) started.push(result.value.stop);
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((result) => (result.status === 'fulfilled' ? result.value : undefined));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error instanceof Error ? `Start-up failed: ${error.message}` : error);
  void shutdown(1);
});
