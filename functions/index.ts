import { app, output, type FunctionHandler } from '@azure/functions';
import type { AppServices } from '../shared/app-services';
import { settingsFromEnvironment } from '../shared/config/environment';
import { lazy } from '../shared/runtime/lazy';
import { lazyEventGridHandler, lazyHttpHandler, lazyQueueHandler, lazyTimerHandler } from '../shared/runtime/lazy-handlers';
import type { RegisteredFunction } from '../shared/runtime/registrations';
import { registeredFunctions } from './registered-functions';

/**
 * The composition root: settings are validated here at start-up (a bad one stops the app with its name in the
 * message) and every function is registered with the Functions host from the list the build derived from the
 * catalogue. The clients and each function's module are loaded by the first invocation that needs them, so a cold
 * instance starts about as fast as a bare Functions app (docs/performance.md).
 */
const settings = settingsFromEnvironment();
app.setup({ enableHttpStream: true });
let started = false;
const services = lazy((): AppServices => {
  started = true;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../shared/app-services') as typeof import('../shared/app-services')).createAppServices(settings);
});
// An instance the host stops writes the rate-limit hits it admitted since its last flush, then closes its pool.
app.hook.appTerminate(async () => {
  if (started) await services().close();
});

// Every HTTP function answers through the same output binding: built once, not once for each (cold start).
const httpResponse = output.http({});

function handlerOf(fn: RegisteredFunction): FunctionHandler {
  switch (fn.kind) {
    case 'http':
      return lazyHttpHandler(fn, services);
    case 'timer':
      return lazyTimerHandler(fn, services);
    case 'eventGrid':
      return lazyEventGridHandler(fn, services);
    case 'queue':
      return lazyQueueHandler(fn, services);
  }
}

// Each with the trigger binding the build made (shared/runtime/triggers.ts), as app.http, app.timer and the others would.
for (const fn of registeredFunctions()) {
  app.generic(fn.name, { trigger: fn.trigger, return: fn.kind === 'http' ? httpResponse : undefined, handler: handlerOf(fn) });
}
