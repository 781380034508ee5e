import type { InvocationContext, StorageQueueHandler, Timer, TimerHandler } from '@azure/functions';
import type { AppServices } from '../app-services';
import { createLogger } from '../observability/logger';
import type { EventGridFunctionDefinition, QueueFunctionDefinition, TimerFunctionDefinition } from './definitions';
import { DeliveredEvent, toGridEvent } from './grid-events';

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

/**
 * The trigger's input is an Event Grid schema event or a CloudEvent, as the subscription was made; the handler sees
 * one shape. An event in neither schema is logged and acknowledged: redelivering it cannot fix it.
 */
export function toAzureEventGridHandler(definition: EventGridFunctionDefinition, services: AppServices): (input: unknown, context: InvocationContext) => Promise<void> {
  return async (input: unknown, context: InvocationContext) => {
    const log = loggerFor(definition.name, context, services);
    const parsed = DeliveredEvent.safeParse(input);
    if (!parsed.success) return log.error('malformed event dropped', { problems: parsed.error.issues.map((i) => i.path.join('.') || '(event)').join(', ') });
    const event = toGridEvent(parsed.data);
    await definition.handle({ event, scopes: services.database.scopes, services, log });
    log.info('event processed', { eventType: event.eventType, eventId: event.id });
  };
}

/** The runtime hands over a JSON message already parsed, anything else as text (or bytes). */
function queueEntryValue(entry: unknown): unknown {
  const text = entry instanceof Uint8Array ? Buffer.from(entry).toString('utf8') : entry;
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * A malformed message is logged and dropped (retrying cannot fix it); a handler that throws fails the invocation,
 * so the runtime makes the message visible again and, after maxDequeueCount, moves it to `<queue>-poison`.
 */
export function toAzureQueueHandler(definition: QueueFunctionDefinition, services: AppServices): StorageQueueHandler {
  return async (entry: unknown, context: InvocationContext) => {
    const log = loggerFor(definition.name, context, services);
    const messageId = String(context.triggerMetadata?.id ?? '');
    const dequeueCount = Number(context.triggerMetadata?.dequeueCount ?? 1);
    const parsed = definition.message.safeParse(queueEntryValue(entry));
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(message)'}: ${issue.message}`).join('; ');
      log.error('malformed queue message dropped', { queue: definition.queueName, messageId, issues });
      return;
    }
    const started = performance.now();
    await definition.handle({ message: parsed.data, scopes: services.database.scopes, services, log });
    log.info('queue message processed', { queue: definition.queueName, messageId, dequeueCount, durationMs: Math.round(performance.now() - started) });
  };
}
