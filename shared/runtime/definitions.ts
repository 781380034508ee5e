import type { z } from 'zod';
import type { AppServices } from '../app-services';
import type { Scopes } from '../db/scopes';
import type { Access, HttpFunctionDefinition } from '../http/definition';
import type { Logger } from '../observability/logger';
import { WORK_MESSAGES, type WorkMessage, type WorkQueueName } from '../queues/messages';

/**
 * The one slot of every timer that reads the database: every two hours on the hour. An idle deployment touches
 * Azure SQL only then, so a serverless database whose auto-pause delay is under two hours pauses in between
 * (docs/operations.md has the arithmetic). Enqueued work never waits for it: queue triggers do that work.
 */
export const DATABASE_SWEEP_SCHEDULE = '0 0 */2 * * *';

export interface TimerFunctionDefinition {
  kind: 'timer';
  name: string;
  /** Six-field NCRONTAB in UTC: Flex Consumption ignores WEBSITE_TIME_ZONE. */
  schedule: string;
  description: string;
  handle(input: { scopes: Scopes; services: AppServices; log: Logger; isPastDue: boolean }): Promise<void>;
}

/** The Event Grid schema fields our handlers rely on; each handler validates `data` itself. */
export interface GridEvent {
  id: string;
  topic?: string;
  subject: string;
  eventType: string;
  eventTime: string;
  data?: unknown;
  dataVersion?: string;
}

export interface EventGridFunctionDefinition {
  kind: 'eventGrid';
  name: string;
  description: string;
  handle(input: { event: GridEvent; scopes: Scopes; services: AppServices; log: Logger }): Promise<void>;
}

/**
 * A Storage-queue-triggered function. The runtime retries a message whose handler throws and moves it to
 * `<queue>-poison` after maxDequeueCount (host.json); a message that fails `message` is logged and dropped.
 */
export interface QueueFunctionDefinition<TMessage = unknown> {
  kind: 'queue';
  name: string;
  queueName: WorkQueueName;
  message: z.ZodType<TMessage>;
  description: string;
  handle(input: { message: TMessage; scopes: Scopes; services: AppServices; log: Logger }): Promise<void>;
}

export type AnyHttpFunction = HttpFunctionDefinition<unknown, unknown, Access>;
export type FunctionDefinition = AnyHttpFunction | TimerFunctionDefinition | EventGridFunctionDefinition | QueueFunctionDefinition;

export function defineTimerFunction(definition: Omit<TimerFunctionDefinition, 'kind'>): TimerFunctionDefinition {
  return { kind: 'timer', ...definition };
}

/** The message schema comes with the queue name, so the sender and the function agree on one shape. */
export function defineQueueFunction<Q extends WorkQueueName>(
  definition: Omit<QueueFunctionDefinition<WorkMessage<Q>>, 'kind' | 'message' | 'queueName'> & { queueName: Q },
): QueueFunctionDefinition<WorkMessage<Q>> {
  return { kind: 'queue', message: WORK_MESSAGES[definition.queueName], ...definition };
}

export function defineEventGridFunction(definition: Omit<EventGridFunctionDefinition, 'kind'>): EventGridFunctionDefinition {
  return { kind: 'eventGrid', ...definition };
}
