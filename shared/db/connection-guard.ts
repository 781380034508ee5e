import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';

/**
 * The connection rule (docs/database.md): no pooled database connection is held while the app waits on a
 * network call. Every database scope marks its async context; an outbound HTTP request (node:http or fetch,
 * which every Azure SDK and the model client use) started from a marked context is a violation, reported to the
 * listener (the app logs it as an error; the tests fail on it).
 */
const holding = new AsyncLocalStorage<{ scope: string }>();

export interface HeldConnectionViolation {
  scope: string;
  target: string;
}

let listener: ((violation: HeldConnectionViolation) => void) | null = null;
let subscribed = false;

function check(target: string): void {
  const held = holding.getStore();
  if (held && listener) listener({ scope: held.scope, target });
}

function targetOf(message: unknown, field: 'request'): string {
  const request = (message as Record<string, unknown> | undefined)?.[field] as { host?: unknown; origin?: unknown; path?: unknown } | undefined;
  return String(request?.origin ?? request?.host ?? 'unknown');
}

/** Reports every outbound request made while a connection is held; one listener per process. */
export function watchHeldConnections(onViolation: (violation: HeldConnectionViolation) => void): void {
  listener = onViolation;
  if (subscribed) return;
  subscribed = true;
  subscribe('http.client.request.start', (message) => check(targetOf(message, 'request')));
  subscribe('undici:request:create', (message) => check(targetOf(message, 'request')));
}

/** Runs work with its async context marked as holding a connection of the named scope. */
export function markConnectionHeld<T>(scope: string, work: () => Promise<T>): Promise<T> {
  return holding.run({ scope }, work);
}
