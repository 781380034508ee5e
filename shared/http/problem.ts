import type { HttpResponseInit } from '@azure/functions';
import { z } from 'zod';
import { isDatabaseBusy } from '../db/errors';
import { DomainError, type FieldError } from '../errors';

/** RFC 9457 problem details: every error this API returns has this shape. */
export const ProblemSchema = z
  .object({
    type: z.string().describe('A URI naming the kind of problem.'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    requestId: z.string().describe('Quote this when reporting the problem; it finds the request in the logs.'),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional().describe('Field errors of a 400.'),
  })
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof ProblemSchema>;

const KINDS: Record<DomainError['kind'] | 'not-found-route' | 'internal', { status: number; title: string }> = {
  validation: { status: 400, title: 'Invalid request' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Forbidden' },
  'not-found': { status: 404, title: 'Not found' },
  'not-found-route': { status: 404, title: 'No such endpoint' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  gone: { status: 410, title: 'Gone' },
  'precondition-failed': { status: 412, title: 'Precondition failed' },
  'precondition-required': { status: 428, title: 'Precondition required' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  unprocessable: { status: 422, title: 'Unprocessable content' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  unavailable: { status: 503, title: 'Service unavailable' },
  'bad-gateway': { status: 502, title: 'Bad gateway' },
  'gateway-timeout': { status: 504, title: 'Gateway timeout' },
  internal: { status: 500, title: 'Internal error' },
};

export type ProblemKind = keyof typeof KINDS;

export function problemResponse(
  kind: ProblemKind,
  requestId: string,
  detail?: string,
  extra: { errors?: FieldError[]; headers?: Record<string, string> } = {},
): HttpResponseInit {
  const { status, title } = KINDS[kind];
  const body: Problem = { type: `https://talenti.au/problems/${kind}`, title, status, detail, requestId, errors: extra.errors };
  return {
    status,
    headers: { 'content-type': 'application/problem+json', ...extra.headers },
    body: JSON.stringify(body),
  };
}

export const DATABASE_BUSY = 'The database is busy; try again shortly.';

/** Maps any thrown value to a problem response; a busy database is a 503 to retry, other unknown errors a 500 that reveals nothing. */
export function problemFromError(error: unknown, requestId: string): HttpResponseInit {
  if (isDatabaseBusy(error)) return problemResponse('unavailable', requestId, DATABASE_BUSY, { headers: { 'retry-after': '2' } });
  if (!(error instanceof DomainError)) return problemResponse('internal', requestId, 'Something went wrong on our side.');
  const headers: Record<string, string> = {};
  const withRetry = error as { retryAfterSeconds?: number };
  if (withRetry.retryAfterSeconds !== undefined) headers['retry-after'] = String(withRetry.retryAfterSeconds);
  if (error.kind === 'unauthenticated') {
    headers['www-authenticate'] = `Bearer error="invalid_token", error_description="${error.message.replace(/"/g, "'")}"`;
  }
  if (error.kind === 'method-not-allowed') headers.allow = (error as { allowed?: string[] }).allowed?.join(', ') ?? '';
  const fieldErrors = error.kind === 'validation' ? (error as { fieldErrors?: FieldError[] }).fieldErrors : undefined;
  const errors = fieldErrors && fieldErrors.length > 0 ? fieldErrors : undefined;
  return problemResponse(error.kind, requestId, error.message, { errors, headers });
}
