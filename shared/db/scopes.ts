import type { SqlDialectName } from './column-types';
import { markConnectionHeld } from './connection-guard';
import type { Db } from './database';
import { withPendingSessionContext } from './session-context';

/**
 * On Azure SQL a row-level security policy (migrations 0003, 0006) filters every organisation- and
 * candidate-owned table by SESSION_CONTEXT: `talenti_user_id` (the caller) and `talenti_scope`. A scope takes
 * one pooled connection for one short unit of work, sets both keys read-only (a bug cannot widen them later on
 * that connection) in front of its first statement, and the driver resets the connection after it goes back
 * (shared/db/session-context.ts: neither costs the request a round trip). SQLite has no policy: the same code
 * runs, only the context is skipped.
 */

/**
 * Who the database shows rows to: `user` a signed-in user or candidate (their rows and their organisations'),
 * `system` the platform itself (timers, queues, Event Grid, migrations: every row), `anonymous` nobody
 * (health, OpenAPI, the invitation token lookup before it is proven: no organisation- or candidate-owned row).
 */
export type ScopeKind = 'user' | 'system' | 'anonymous';

export interface DbScope {
  readonly kind: ScopeKind;
  /** One short unit of work on one connection. Never wait on a network call inside it (docs/database.md). */
  run<T>(work: (db: Db) => Promise<T>): Promise<T>;
  /** The same as one transaction. */
  transaction<T>(work: (trx: Db) => Promise<T>): Promise<T>;
}

export interface ScopedDatabase {
  db: Db;
  dialect: SqlDialectName;
}

export interface Scopes {
  user(userId: string): DbScope;
  readonly system: DbScope;
  readonly anonymous: DbScope;
}

function scope(handle: ScopedDatabase, kind: ScopeKind, userId: string | null): DbScope {
  const open = <T>(work: (db: Db) => Promise<T>): Promise<T> =>
    handle.db.connection().execute((connection) =>
      markConnectionHeld(kind, () => (handle.dialect === 'mssql' ? withPendingSessionContext({ userId, kind }, () => work(connection)) : work(connection))),
    );
  return {
    kind,
    run: open,
    transaction: (work) => open((connection) => connection.transaction().execute(work)),
  };
}

export function createScopes(handle: ScopedDatabase): Scopes {
  return {
    user: (userId) => scope(handle, 'user', userId),
    system: scope(handle, 'system', null),
    anonymous: scope(handle, 'anonymous', null),
  };
}
