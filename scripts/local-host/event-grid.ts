import { z } from 'zod';
import type { GridEvent } from '../../shared/runtime/definitions';

/** What the Event Grid extension accepts at /runtime/webhooks/eventgrid: Event Grid schema, one or many. */
const GridEventSchema = z.object({
  id: z.string().min(1).max(200),
  topic: z.string().optional(),
  subject: z.string(),
  eventType: z.string().min(1).max(200),
  eventTime: z.string().min(1),
  data: z.unknown().optional(),
  dataVersion: z.string().optional(),
  metadataVersion: z.string().optional(),
});

export const GridDeliverySchema = z.union([z.array(GridEventSchema).min(1), GridEventSchema.transform((e) => [e])]);

export const VALIDATION_EVENT = 'Microsoft.EventGrid.SubscriptionValidationEvent';

export function validationCodeOf(events: GridEvent[]): string | null {
  const [first] = events;
  if (events.length !== 1 || first?.eventType !== VALIDATION_EVENT) return null;
  const code = (first.data as { validationCode?: unknown } | undefined)?.validationCode;
  return typeof code === 'string' && code.length > 0 ? code : null;
}
