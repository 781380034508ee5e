import { sql } from 'kysely';
import type { SqlDialectName } from './column-types';
import type { Db } from './database';

/** What a scope needs of a database: the Kysely instance and which engine it talks to. */
export interface ScopedDatabase {
  db: Db;
  dialect: SqlDialectName;
}

/**
 * On Azure SQL a row-level security policy (migration 0003) filters every organisation- and candidate-owned
 * table by SESSION_CONTEXT. Each unit of work pins one pooled connection, sets the context for it, and clears
 * it before the connection goes back to the pool. SQLite has no such policy: the scope is the database itself.
 */
export const SESSION_USER_KEY = 'talenti_user_id';
export const SESSION_SCOPE_KEY = 'talenti_scope';

async function setContext(db: Db, userId: string | null, scope: 'user' | 'system' | null): Promise<void> {
  await sql`exec sp_set_session_context @key = N'talenti_user_id', @value = ${userId}; exec sp_set_session_context @key = N'talenti_scope', @value = ${scope};`.execute(db);
}

async function withScope<T>(handle: ScopedDatabase, userId: string | null, scope: 'user' | 'system', work: (db: Db) => Promise<T>): Promise<T> {
  if (handle.dialect === 'sqlite') return work(handle.db);
  return handle.db.connection().execute(async (connection) => {
    await setContext(connection, userId, scope);
    try {
      return await work(connection);
    } finally {
      await setContext(connection, null, null);
    }
  });
}

/** Work done for a signed-in user: the database shows only rows that user may see. */
export function withUserScope<T>(handle: ScopedDatabase, userId: string, work: (db: Db) => Promise<T>): Promise<T> {
  return withScope(handle, userId, 'user', work);
}

/** Work the platform does for itself (timers, Event Grid, anonymous endpoints, migrations): every row. */
export function withSystemScope<T>(handle: ScopedDatabase, work: (db: Db) => Promise<T>): Promise<T> {
  return withScope(handle, null, 'system', work);
}
