import { z } from 'zod';
import type { GridEvent } from './definitions';

/** An event in the Event Grid schema. */
const EventGridSchemaEvent = z.object({
  id: z.string().min(1).max(200),
  topic: z.string().optional(),
  subject: z.string(),
  eventType: z.string().min(1).max(200),
  eventTime: z.string().min(1),
  data: z.unknown().optional(),
  dataVersion: z.string().optional(),
  metadataVersion: z.string().optional(),
});

/** A CloudEvents 1.0 event (structured mode), as Event Grid delivers to a subscription with the CloudEvents schema. */
const CloudEvent = z.object({
  specversion: z.literal('1.0'),
  id: z.string().min(1).max(200),
  source: z.string().min(1).max(1000),
  type: z.string().min(1).max(200),
  subject: z.string().optional(),
  time: z.string().min(1).optional(),
  data: z.unknown().optional(),
  dataschema: z.string().optional(),
});

/** What the Event Grid trigger hands a function: either schema, as the subscription was made. */
export const DeliveredEvent = z.union([CloudEvent, EventGridSchemaEvent]);
export type DeliveredEvent = z.infer<typeof DeliveredEvent>;

/** One shape for handlers whichever schema the subscription uses: CloudEvents' source is the topic, type the event type. */
export function toGridEvent(event: DeliveredEvent, now = new Date()): GridEvent {
  if (!('specversion' in event)) return event;
  return {
    id: event.id,
    topic: event.source,
    subject: event.subject ?? '',
    eventType: event.type,
    eventTime: event.time ?? now.toISOString(),
    data: event.data,
    dataVersion: event.dataschema,
  };
}
