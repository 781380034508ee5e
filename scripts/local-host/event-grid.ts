import { z } from 'zod';
import { DeliveredEvent } from '../../shared/runtime/grid-events';

/**
 * What the Event Grid extension accepts at /runtime/webhooks/eventgrid: one event or an array, in the Event Grid
 * schema or as CloudEvents 1.0 (`application/cloudevents+json` or `application/cloudevents-batch+json`).
 */
export const GridDeliverySchema = z.union([z.array(DeliveredEvent).min(1), DeliveredEvent.transform((e) => [e])]);

export const VALIDATION_EVENT = 'Microsoft.EventGrid.SubscriptionValidationEvent';

/** The Event Grid schema's handshake (CloudEvents subscriptions validate with an OPTIONS request instead). */
export function validationCodeOf(events: DeliveredEvent[]): string | null {
  const [first] = events;
  if (events.length !== 1 || !first || 'specversion' in first || first.eventType !== VALIDATION_EVENT) return null;
  const code = (first.data as { validationCode?: unknown } | undefined)?.validationCode;
  return typeof code === 'string' && code.length > 0 ? code : null;
}

/**
 * The CloudEvents webhook handshake (abuse protection): Event Grid sends OPTIONS with WebHook-Request-Origin and
 * the endpoint allows that origin by echoing it in WebHook-Allowed-Origin, as the Event Grid extension does.
 */
export function allowedWebhookOrigin(origin: string | string[] | undefined): string | null {
  return typeof origin === 'string' && /^[A-Za-z0-9.-]{1,253}$/.test(origin) ? origin : null;
}
