import type { FunctionTrigger } from '@azure/functions';
import type { HttpMethod } from '../http/definition';
import type { WorkQueueName } from '../queues/messages';
import type { FunctionDefinition } from './definitions';

/**
 * What the Functions host needs to register a function (its trigger), without loading the function's module: the
 * entry point registers every function from these and loads a function's code on its first invocation (cold start,
 * docs/performance.md).
 */
export type FunctionRegistration =
  | { kind: 'http'; name: string; route: string; methods: HttpMethod[] }
  | { kind: 'timer'; name: string; schedule: string }
  | { kind: 'eventGrid'; name: string }
  | { kind: 'queue'; name: string; queueName: WorkQueueName };

/** A registration and how to get its definition: loaded on first call, then kept. */
export type LazyFunction = FunctionRegistration & { definition(): FunctionDefinition };

/**
 * A line of dist/functions/registrations.json, derived from the catalogue at build time (scripts/function-registrations.ts):
 * the module under dist/functions/ and the export that holds the definition (the definition itself, or a list holding
 * it), and the trigger binding the host is given (./triggers.ts).
 */
export type RegistrationEntry = FunctionRegistration & { module: string; export: string; trigger: FunctionTrigger };

/** A function of the registration list: registered with the trigger binding the build made, loaded on first call. */
export type RegisteredFunction = LazyFunction & { trigger: FunctionTrigger };

export function registrationOf(definition: FunctionDefinition): FunctionRegistration {
  switch (definition.kind) {
    case 'http':
      return { kind: 'http', name: definition.name, route: definition.route, methods: [...definition.methods] };
    case 'timer':
      return { kind: 'timer', name: definition.name, schedule: definition.schedule };
    case 'eventGrid':
      return { kind: 'eventGrid', name: definition.name };
    case 'queue':
      return { kind: 'queue', name: definition.name, queueName: definition.queueName };
  }
}

/** A function whose definition is already loaded (the local host's tests, the catalogue served eagerly). */
export function loadedFunction(definition: FunctionDefinition): LazyFunction {
  return { ...registrationOf(definition), definition: () => definition };
}
