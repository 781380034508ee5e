import type { EventGridEvent, EventGridHandler, InvocationContext, Timer, TimerHandler } from '@azure/functions';
import type { AppServices } from '../app-services';
import { createLogger } from '../observability/logger';
import type { EventGridFunctionDefinition, TimerFunctionDefinition } from './definitions';

function loggerFor(name: string, context: InvocationContext, services: AppServices) {
  return createLogger(context, services.settings.logLevel, { function: name, invocationId: context.invocationId });
}

export function toAzureTimerHandler(definition: TimerFunctionDefinition, services: AppServices): TimerHandler {
  return async (timer: Timer, context: InvocationContext) => {
    const log = loggerFor(definition.name, context, services);
    const started = performance.now();
    await definition.handle({ scopes: services.database.scopes, services, log, isPastDue: timer.isPastDue });
    log.info('timer completed', { durationMs: Math.round(performance.now() - started) });
  };
}

export function toAzureEventGridHandler(definition: EventGridFunctionDefinition, services: AppServices): EventGridHandler {
  return async (event: EventGridEvent, context: InvocationContext) => {
    const log = loggerFor(definition.name, context, services);
    await definition.handle({ event, scopes: services.database.scopes, services, log });
    log.info('event processed', { eventType: event.eventType, eventId: event.id });
  };
}
