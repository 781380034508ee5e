import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { AppServices } from '../app-services';
import { hasOperatorRole, type Caller } from '../auth/caller';
import type { DbScope } from '../db/scopes';
import { isDatabaseBusy } from '../db/errors';
import { listMemberships, provisionUser } from '../db/repositories/users';
import { attachInvitedApplications } from '../invitations/invited-candidates';
import { findLiveSession } from '../db/repositories/interview-sessions';
import { countRoundTrips } from '../db/round-trips';
import { isPracticeSession, type AnySession } from '../domain/interview-session';
import { findPracticeSession } from '../db/repositories/practice-interviews';
import { UnauthenticatedError } from '../errors';
import { SessionTokens } from '../interviews/session/session-tokens';
import { DomainError, MethodNotAllowedError } from '../errors';
import { errorSummary } from '../observability/error-summary';
import { createLogger } from '../observability/logger';
import { parseOrThrow } from '../validation';
import { DEFAULT_JSON_BODY_LIMIT, readBodyBytes, readJsonBody } from './body';
import type { Access, HttpFunctionDefinition, HttpInput, HttpResult } from './definition';
import { problemFromError } from './problem';
import { clientIpOf, correlationIdOf } from './request-context';

function toResponseInit(result: HttpResult): HttpResponseInit {
  if (result.json !== undefined) {
    return {
      status: result.status,
      headers: { 'content-type': 'application/json; charset=utf-8', ...result.headers },
      body: JSON.stringify(result.json),
    };
  }
  return { status: result.status, headers: result.headers, body: result.body };
}

/**
 * Turns a definition into the handler Azure Functions (and our local host) calls: correlation id, rate limits,
 * authentication, body and query validation, then the definition's own work; every failure becomes problem+json.
 */
export function toAzureHttpHandler<TBody, TQuery, TAccess extends Access>(
  definition: HttpFunctionDefinition<TBody, TQuery, TAccess>,
  services: AppServices,
): HttpHandler {
  const respond = toResponse(definition, services);
  return async (request, context) => {
    if (!services.settings.reportRoundTrips) return respond(request, context);
    const { trips, result } = countRoundTrips(() => respond(request, context));
    const response = await result;
    response.headers = { ...(response.headers as Record<string, string>), 'x-db-round-trips': `total=${trips.total}; before-network=${trips.beforeNetwork ?? trips.total}` };
    return response;
  };
}

function toResponse<TBody, TQuery, TAccess extends Access>(
  definition: HttpFunctionDefinition<TBody, TQuery, TAccess>,
  services: AppServices,
): (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit> {
  return async (request, context) => {
    const started = performance.now();
    const requestId = context.invocationId;
    const correlationId = correlationIdOf(request);
    const log = createLogger(context, services.settings.logLevel, { function: definition.name, correlationId, requestId });
    let response: HttpResponseInit;
    try {
      if (!(definition.methods as readonly string[]).includes(request.method)) throw new MethodNotAllowedError(definition.methods);
      const clientIp = clientIpOf(request, services.settings.trustedProxyHops);
      const scopes = services.database.scopes;
      const run = async (data: DbScope, caller: Caller | null, session: AnySession | null): Promise<HttpResult> => {
        const query = definition.query
          ? parseOrThrow(definition.query, Object.fromEntries(request.query.entries()), 'query string')
          : ({} as TQuery);
        const body = definition.body
          ? parseOrThrow(
              definition.body,
              await readJsonBody(request, definition.bodyLimitBytes ?? DEFAULT_JSON_BODY_LIMIT),
              'request body',
            )
          : (undefined as TBody);
        const input: HttpInput<TBody, TQuery, TAccess> = {
          body,
          query,
          params: request.params,
          path: new URL(request.url).pathname.replace(/^\/api\//, ''),
          caller: caller as HttpInput<TBody, TQuery, TAccess>['caller'],
          session: session as HttpInput<TBody, TQuery, TAccess>['session'],
          data,
          services,
          log,
          requestId,
          correlationId,
          clientIp,
          header: (name) => request.headers.get(name),
          rawBody: (limitBytes) => readBodyBytes(request, limitBytes),
        };
        return definition.handle(input);
      };
      const authorization = request.headers.get('authorization');
      const bearer = /^Bearer (\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
      const sessionAllowed = definition.access === 'session' || definition.access === 'user-or-session' || definition.access === 'session-or-practice';
      // Tokens are checked first (no connection held while a JWKS may be fetched); then one short platform
      // scope does the rate limits and finds or provisions the caller; the handler opens its own scopes.
      // A refused token still counts against the address, so guessing tokens is rate limited too.
      const refusedAfterCounting = async (error: unknown): Promise<never> => {
        await services.rateLimiter.consumeIn(scopes.system, definition.name, { ip: clientIp });
        throw error;
      };
      let result: HttpResult;
      if (sessionAllowed && bearer && SessionTokens.looksLikeSessionToken(bearer)) {
        const claims = await services.sessionTokens.verify(bearer).catch(refusedAfterCounting);
        if (claims.kind === 'practice' && definition.access !== 'session-or-practice') {
          await refusedAfterCounting(new UnauthenticatedError('A practice interview session does not reach this endpoint: only the turn and the end.'));
        }
        let session: AnySession | null;
        if (claims.kind === 'interview' && claims.owner && definition.sessionProvenByHandler) {
          // The signed token names whose interview it is; the handler's own first read proves the session row.
          session = { session_id: claims.session_id, interview_id: claims.interview_id, ...claims.owner, expires_at: claims.expires_at };
          await services.rateLimiter.consumeIn(scopes.system, definition.name, { ip: clientIp, user: session.candidate_id });
        } else {
          session = await scopes.system.run(async (db) => {
            // The session row (or the practice interview's owner) is what proves the token; row-level security
            // would hide it before it is proven. Both limits in one statement; an ended session still counts against the address.
            const live = claims.kind === 'practice' ? await findPracticeSession(db, claims) : await findLiveSession(db, claims.session_id, claims.interview_id);
            await services.rateLimiter.consume(db, definition.name, { ip: clientIp, user: live ? (isPracticeSession(live) ? live.user_id : live.candidate_id) : undefined });
            return live;
          });
        }
        if (!session) throw new UnauthenticatedError('The interview session has ended; open the invitation link again.');
        result = await run(scopes.user(isPracticeSession(session) ? session.user_id : session.candidate_id), null, session);
      } else if (definition.access === 'user' || definition.access === 'user-or-session') {
        const token = await services.tokens.validate(authorization).catch(refusedAfterCounting);
        const identity = { issuer: token.issuer, subject: token.subject, email: token.email, emailVerified: token.emailVerified, displayName: token.displayName };
        const verifiedEmail = token.emailVerified && token.email ? token.email.toLowerCase() : null;
        const caller = await scopes.system.run(async (db) => {
          // A user this instance provisioned lately costs no provisioning read, and both limits take one statement.
          // Anyone else is limited by address before being provisioned: nothing is stored for a refused request.
          let user = services.knownUsers.find(identity);
          if (user) {
            await services.rateLimiter.consume(db, definition.name, { ip: clientIp, user: user.id });
          } else {
            await services.rateLimiter.consume(db, definition.name, { ip: clientIp });
            user = await provisionUser(db, identity);
            // Applications a recruiter made for this address before the person signed in become theirs: checked
            // with provisioning, so a user this instance knows pays nothing (an invite reaches them within a minute).
            if (verifiedEmail) await attachInvitedApplications(db, user.id, verifiedEmail);
            services.knownUsers.remember(identity, user);
            await services.rateLimiter.consume(db, definition.name, { user: user.id });
          }
          return { user, memberships: await listMemberships(db, user.id), operator: hasOperatorRole(token.claims), verified_email: verifiedEmail };
        });
        result = await run(scopes.user(caller.user.id), caller, null);
      } else if (definition.access === 'session' || definition.access === 'session-or-practice') {
        result = await refusedAfterCounting(new UnauthenticatedError('An interview session token is required: redeem the invitation first.'));
      } else {
        await services.rateLimiter.consumeIn(scopes.system, definition.name, { ip: clientIp });
        result = await run(scopes.anonymous, null, null);
      }
      response = toResponseInit(result);
    } catch (error) {
      if (isDatabaseBusy(error)) log.warn('database busy', { error: errorSummary(error) });
      else if (!(error instanceof DomainError)) log.error('unhandled error', { error: errorSummary(error) });
      response = problemFromError(error, requestId);
    }
    response.headers = { ...(response.headers as Record<string, string>), 'x-correlation-id': correlationId, 'x-request-id': requestId };
    log.info('request completed', {
      method: request.method,
      route: definition.route,
      status: response.status ?? 200,
      durationMs: Math.round(performance.now() - started),
    });
    return response;
  };
}
