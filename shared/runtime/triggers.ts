import { trigger, type FunctionTrigger } from '@azure/functions';
import type { FunctionRegistration } from './registrations';

/**
 * A function's trigger binding as the Functions host receives it, made by @azure/functions' own builders (which name
 * each binding by a hash of its contents, so every worker names it alike). The build records it in the registration
 * list, and the entry point registers each function with it: a cold instance does not build and hash one per
 * function (docs/performance.md). The options are given in the order `app.http` and the others would pass them,
 * since the hash, and so the name, depends on it.
 */
export function triggerOf(registration: FunctionRegistration): FunctionTrigger {
  switch (registration.kind) {
    case 'http':
      return trigger.http({ route: registration.route, methods: registration.methods, authLevel: 'anonymous' });
    case 'timer':
      return trigger.timer({ schedule: registration.schedule });
    case 'eventGrid':
      return trigger.eventGrid({});
    case 'queue':
      // Identity-based: AzureWebJobsStorage__queueServiceUri, __credential=managedidentity, __clientId (Bicep).
      return trigger.storageQueue({ queueName: registration.queueName, connection: 'AzureWebJobsStorage' });
  }
}
