import { AsyncLocalStorage } from 'node:async_hooks';
import type { CompiledQuery, DatabaseConnection, Dialect, QueryResult } from 'kysely';
import { withDriver, wrappedDriver } from './driver-wrapping';

/**
 * Azure SQL's row-level security reads SESSION_CONTEXT (shared/db/scopes.ts). Setting it in a batch of its own
 * costs one network round trip per scope, and resetting the connection on release another one that the request
 * would wait for. Both are taken off the request's path here:
 * - the context batch rides in front of the scope's first statement (sp_set_session_context is session state, so
 *   it outlives the sp_executesql call that carries it), with its two values appended as the last parameters;
 * - the reset (sp_reset_connection, which clears the read-only keys) runs after the scope has handed the
 *   connection back, and the connection returns to the pool only when the reset is done.
 */
export const SESSION_USER_KEY = 'talenti_user_id';
export const SESSION_SCOPE_KEY = 'talenti_scope';

export interface SessionContext {
  userId: string | null;
  kind: string;
}

interface PendingContext extends SessionContext {
  sent: boolean;
}

const pending = new AsyncLocalStorage<PendingContext>();

/** Runs a scope's work so that its first statement carries `context`. */
export function withPendingSessionContext<T>(context: SessionContext, work: () => Promise<T>): Promise<T> {
  return pending.run({ ...context, sent: false }, work);
}

/** The statement with the context batch in front; the context's values are parameters `@n+1` and `@n+2`. */
export function withSessionContext(query: CompiledQuery, context: SessionContext): CompiledQuery {
  const user = query.parameters.length + 1;
  const batch =
    `exec sp_set_session_context @key = N'${SESSION_USER_KEY}', @value = @${user}, @read_only = 1; ` +
    `exec sp_set_session_context @key = N'${SESSION_SCOPE_KEY}', @value = @${user + 1}, @read_only = 1; `;
  return { ...query, sql: batch + query.sql, parameters: [...query.parameters, context.userId, context.kind] };
}

/**
 * The first statement of a scope takes the context. It is marked sent before it runs: if the statement fails
 * after the context was set, sending it again would fail on the read-only keys; if the whole batch failed to
 * compile, later statements run without a context and the policy shows them no rows (it fails closed).
 */
function contextual(query: CompiledQuery): CompiledQuery {
  const context = pending.getStore();
  if (!context || context.sent) return query;
  context.sent = true;
  return withSessionContext(query, context);
}

/** Wraps the Azure SQL dialect's driver: context folded into the first statement, reset after release. */
export function sessionContextDialect(dialect: Dialect, onResetError: (error: unknown) => void): Dialect {
  const withContext = (connection: DatabaseConnection): DatabaseConnection => ({
    executeQuery: <R>(query: CompiledQuery): Promise<QueryResult<R>> => connection.executeQuery<R>(contextual(query)),
    streamQuery: (query, chunkSize) => connection.streamQuery(contextual(query), chunkSize),
  });
  // Kysely's driver resets, then returns the connection to tarn; the scope does not wait for either.
  const release = async (reset: () => Promise<void>) => void reset().catch(onResetError);
  return withDriver(dialect, (driver) => wrappedDriver(driver, { wrap: withContext, release }));
}
