import type { HttpResponseBodyInit } from '@azure/functions';
import type { z } from 'zod';
import type { AppServices } from '../app-services';
import type { Caller } from '../auth/caller';
import type { DbScope } from '../db/scopes';
import type { AnySession, InterviewSession } from '../domain/interview-session';
import type { Logger } from '../observability/logger';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/**
 * Who may call: nobody in particular, a signed-in user (Entra ID token), a candidate's interview session
 * (session token from redeeming an invitation), either of the last two, or an interview session or a practice
 * interview's session (the live page's endpoints that serve both).
 */
export type Access = 'anonymous' | 'user' | 'session' | 'user-or-session' | 'session-or-practice';

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** Defaults to application/json when a schema is given. */
  contentType?: string;
  /** Other content types the same status may answer with (chosen by Accept), each with what it carries. */
  alternatives?: Record<string, string>;
  /** Headers this response sets beyond those every response carries (named under the document's components). */
  headers?: Array<'etag' | 'idempotent-replayed'>;
}

/** A request header an endpoint reads, for the OpenAPI document (If-Match is derived from 412/428). */
export interface RequestHeaderSpec {
  description: string;
  values?: string[];
}

export interface HttpInput<TBody, TQuery, TAccess extends Access> {
  body: TBody;
  query: TQuery;
  params: Record<string, string>;
  /** The path after `/api/` as the client sent it, still percent-encoded (route params are decoded). */
  path: string;
  caller: TAccess extends 'user' ? Caller : TAccess extends 'user-or-session' ? Caller | null : null;
  session: TAccess extends 'session'
    ? InterviewSession
    : TAccess extends 'user-or-session'
      ? InterviewSession | null
      : TAccess extends 'session-or-practice'
        ? AnySession
        : null;
  /**
   * The database as this caller may see it (row-level security scope on Azure SQL). The use-case opens short
   * units of work on it and never holds one across a network call.
   */
  data: DbScope;
  services: AppServices;
  log: Logger;
  requestId: string;
  correlationId: string;
  clientIp: string;
  header(name: string): string | null;
  /** The raw request body, read once, refused past the limit (413). For uploads; JSON bodies use `body`. */
  rawBody(limitBytes: number): Promise<Uint8Array>;
}

export interface HttpResult {
  status: number;
  json?: unknown;
  body?: HttpResponseBodyInit;
  headers?: Record<string, string>;
}

/** One HTTP function: everything the runtime, the local host and the OpenAPI document need to know. */
export interface HttpFunctionDefinition<TBody = unknown, TQuery = unknown, TAccess extends Access = Access> {
  kind: 'http';
  name: string;
  /** Route template as Azure Functions takes it, without the `api/` prefix: `organisations/{id}`. */
  route: string;
  methods: HttpMethod[];
  access: TAccess;
  summary: string;
  description?: string;
  tags: string[];
  body?: z.ZodType<TBody>;
  /**
   * For handlers that read the raw body themselves (uploads): the content types they take, for the OpenAPI
   * document. A schema documents the body; without one it is binary.
   */
  rawBodyContent?: Record<string, { schema?: z.ZodType; description?: string }>;
  bodyLimitBytes?: number;
  query?: z.ZodType<TQuery>;
  requestHeaders?: Record<string, RequestHeaderSpec>;
  responses: Record<number, ResponseSpec>;
  /** Left out of the OpenAPI document (the catch-all that answers 404 and 405). */
  hidden?: boolean;
  /**
   * The handler's first read proves an invited interview's session itself (not revoked, not expired), before it
   * does anything else: given a session token that names its owner, the wrapper then reads no session first. Only
   * for a handler that reads the interview before any other work (the turn: docs/performance.md).
   */
  sessionProvenByHandler?: true;
  handle(input: HttpInput<TBody, TQuery, TAccess>): Promise<HttpResult>;
}

export function defineHttpFunction<TBody = undefined, TQuery = Record<string, never>, TAccess extends Access = Access>(
  definition: Omit<HttpFunctionDefinition<TBody, TQuery, TAccess>, 'kind'>,
): HttpFunctionDefinition<TBody, TQuery, TAccess> {
  return { kind: 'http', ...definition };
}

export function json(status: number, body: unknown, headers?: Record<string, string>): HttpResult {
  return { status, json: body, headers };
}
