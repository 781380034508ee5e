import { app } from '@azure/functions';
import { createAppServices } from '../shared/app-services';
import { settingsFromEnvironment } from '../shared/config/environment';
import { toAzureHttpHandler } from '../shared/http/azure-handler';
import { toAzureEventGridHandler, toAzureQueueHandler, toAzureTimerHandler } from '../shared/runtime/azure-handlers';
import { allFunctions } from './catalogue';

/**
 * The composition root: settings are validated here at start-up (a bad one stops the app with its name in the
 * message), clients are built once, and every function definition is registered with the Functions host.
 */
app.setup({ enableHttpStream: true });

const services = createAppServices(settingsFromEnvironment());

for (const definition of allFunctions) {
  switch (definition.kind) {
    case 'http':
      app.http(definition.name, {
        route: definition.route,
        methods: definition.methods,
        authLevel: 'anonymous',
        handler: toAzureHttpHandler(definition, services),
      });
      break;
    case 'timer':
      app.timer(definition.name, { schedule: definition.schedule, handler: toAzureTimerHandler(definition, services) });
      break;
    case 'eventGrid':
      app.eventGrid(definition.name, { handler: toAzureEventGridHandler(definition, services) });
      break;
    case 'queue':
      // Identity-based: AzureWebJobsStorage__queueServiceUri, __credential=managedidentity, __clientId (Bicep).
      app.storageQueue(definition.name, { queueName: definition.queueName, connection: 'AzureWebJobsStorage', handler: toAzureQueueHandler(definition, services) });
      break;
  }
}
