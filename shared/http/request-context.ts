import { randomUUID } from 'node:crypto';
import type { HttpRequest } from '@azure/functions';

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's correlation id when it is well-formed, else a new one; echoed on the response. */
export function correlationIdOf(request: HttpRequest): string {
  const supplied = request.headers.get('x-correlation-id') ?? request.headers.get('x-request-id');
  return supplied && CORRELATION_ID.test(supplied) ? supplied : randomUUID();
}

/**
 * The client address. Azure's front end appends the address it saw to X-Forwarded-For, so the last entry is
 * the one a client cannot forge. Ports (IPv4 `a.b.c.d:port`, IPv6 `[::1]:port`) are dropped.
 */
export function clientIpOf(request: HttpRequest): string {
  const forwarded = request.headers.get('x-forwarded-for');
  const last = forwarded?.split(',').map((s) => s.trim()).filter(Boolean).pop();
  if (!last) return 'unknown';
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(last);
  if (bracketed?.[1]) return bracketed[1];
  const ipv4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(last);
  return (ipv4WithPort?.[1] ?? last).slice(0, 64);
}
