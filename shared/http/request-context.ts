import { randomUUID } from 'node:crypto';
import type { HttpRequest } from '@azure/functions';

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's correlation id when it is well-formed, else a new one; echoed on the response. */
export function correlationIdOf(request: HttpRequest): string {
  const supplied = request.headers.get('x-correlation-id') ?? request.headers.get('x-request-id');
  return supplied && CORRELATION_ID.test(supplied) ? supplied : randomUUID();
}

/**
 * The client address. Each trusted proxy in front of the app (Azure's front end; Front Door or a gateway if the
 * operator adds one) appends the address it saw to X-Forwarded-For, so the entry `trustedHops` from the end is
 * the first one no client can forge; anything before it is the client's own claim and ignored. Ports (IPv4
 * `a.b.c.d:port`, IPv6 `[::1]:port`) are dropped.
 */
export function clientIpOf(request: HttpRequest, trustedHops: number): string {
  const entries = (request.headers.get('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const last = entries[Math.max(0, entries.length - trustedHops)];
  if (!last) return 'unknown';
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(last);
  if (bracketed?.[1]) return bracketed[1];
  const ipv4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(last);
  return (ipv4WithPort?.[1] ?? last).slice(0, 64);
}
