import type { HttpHandler, InvocationContext, StorageQueueHandler, TimerHandler } from '@azure/functions';
import type { AppServices } from '../app-services';
import type { AnyHttpFunction, EventGridFunctionDefinition, FunctionDefinition, QueueFunctionDefinition, TimerFunctionDefinition } from './definitions';
import { lazy } from './lazy';
import type { LazyFunction } from './registrations';

/*
 * The adapters (and through them the database layer, zod schemas and the function's own module) are loaded by a
 * function's first invocation, not at start-up (cold start, docs/performance.md). Loading is synchronous, so
 * concurrent first invocations share the one load.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const httpAdapter = lazy(() => require('../http/azure-handler') as typeof import('../http/azure-handler'));
const runtimeAdapters = lazy(() => require('./azure-handlers') as typeof import('./azure-handlers'));
/* eslint-enable @typescript-eslint/no-require-imports */

type Kind = FunctionDefinition['kind'];
type DefinitionOf<K extends Kind> = Extract<FunctionDefinition, { kind: K }>;

function definitionOf<K extends Kind>(fn: LazyFunction, kind: K): DefinitionOf<K> {
  const definition = fn.definition();
  // The build recorded this function with its trigger; a definition of another kind means the build is stale.
  if (definition.kind !== kind || definition.name !== fn.name) throw new Error(`function ${fn.name} is not the ${kind} function registered; run npm run build`);
  return definition as DefinitionOf<K>;
}

export function lazyHttpHandler(fn: LazyFunction, services: () => AppServices): HttpHandler {
  const handler = lazy(() => httpAdapter().toAzureHttpHandler(definitionOf(fn, 'http') as AnyHttpFunction, services()));
  return (request, context) => handler()(request, context);
}

export function lazyTimerHandler(fn: LazyFunction, services: () => AppServices): TimerHandler {
  const handler = lazy(() => runtimeAdapters().toAzureTimerHandler(definitionOf(fn, 'timer') as TimerFunctionDefinition, services()));
  return (timer, context) => handler()(timer, context);
}

export function lazyEventGridHandler(fn: LazyFunction, services: () => AppServices): (input: unknown, context: InvocationContext) => Promise<void> {
  const handler = lazy(() => runtimeAdapters().toAzureEventGridHandler(definitionOf(fn, 'eventGrid') as EventGridFunctionDefinition, services()));
  return (input, context) => handler()(input, context);
}

export function lazyQueueHandler(fn: LazyFunction, services: () => AppServices): StorageQueueHandler {
  const handler = lazy(() => runtimeAdapters().toAzureQueueHandler(definitionOf(fn, 'queue') as QueueFunctionDefinition, services()));
  return (entry, context) => handler()(entry, context);
}
