import { app, output } from '@azure/functions';
import type { AppServices } from '../shared/app-services';
import { settingsFromEnvironment } from '../shared/config/environment';
import { lazy } from '../shared/runtime/lazy';
import { lazyEventGridHandler, lazyHttpHandler, lazyQueueHandler, lazyTimerHandler } from '../shared/runtime/lazy-handlers';
import { registeredFunctions } from './registered-functions';

/**
 * The composition root: settings are validated here at start-up (a bad one stops the app with its name in the
 * message) and every function is registered with the Functions host from the list the build derived from the
 * catalogue. The clients and each function's module are loaded by the first invocation that needs them, so a cold
 * instance starts about as fast as a bare Functions app (docs/performance.md).
 */
const settings = settingsFromEnvironment();
app.setup({ enableHttpStream: true });
// eslint-disable-next-line @typescript-eslint/no-require-imports
const services = lazy((): AppServices => (require('../shared/app-services') as typeof import('../shared/app-services')).createAppServices(settings));

// Every HTTP function answers through the same output binding: built once, not once for each (cold start).
const httpResponse = output.http({});

for (const fn of registeredFunctions()) {
  switch (fn.kind) {
    case 'http':
      app.http(fn.name, { route: fn.route, methods: fn.methods, authLevel: 'anonymous', return: httpResponse, handler: lazyHttpHandler(fn, services) });
      break;
    case 'timer':
      app.timer(fn.name, { schedule: fn.schedule, handler: lazyTimerHandler(fn, services) });
      break;
    case 'eventGrid':
      app.eventGrid(fn.name, { handler: lazyEventGridHandler(fn, services) });
      break;
    case 'queue':
      // Identity-based: AzureWebJobsStorage__queueServiceUri, __credential=managedidentity, __clientId (Bicep).
      app.storageQueue(fn.name, { queueName: fn.queueName, connection: 'AzureWebJobsStorage', handler: lazyQueueHandler(fn, services) });
      break;
  }
}
