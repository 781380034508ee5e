import type { AppServices } from '../app-services';
import type { Scopes } from '../db/scopes';
import type { Access, HttpFunctionDefinition } from '../http/definition';
import type { Logger } from '../observability/logger';

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

export type AnyHttpFunction = HttpFunctionDefinition<unknown, unknown, Access>;
export type FunctionDefinition = AnyHttpFunction | TimerFunctionDefinition | EventGridFunctionDefinition;

export function defineTimerFunction(definition: Omit<TimerFunctionDefinition, 'kind'>): TimerFunctionDefinition {
  return { kind: 'timer', ...definition };
}

export function defineEventGridFunction(definition: Omit<EventGridFunctionDefinition, 'kind'>): EventGridFunctionDefinition {
  return { kind: 'eventGrid', ...definition };
}
