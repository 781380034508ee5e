import { TimeoutError as PoolTimeoutError } from 'tarn';
import { PoolExhaustedError } from './pool-gate';

/** True when the database refused a write because of a UNIQUE or PRIMARY KEY constraint. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, number } = error as { code?: unknown; number?: unknown };
  // SQLite (better-sqlite3) and SQL Server (tedious RequestError: 2627 constraint, 2601 unique index)
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || number === 2627 || number === 2601;
}

/**
 * SQL Server errors that mean "busy now, try again" rather than a fault in the request: deadlock victim (1205), lock
 * timeout (1222), Azure SQL throttling and failover (40501 service busy, 40613 database unavailable, 40197 error
 * processing the request, 10928/10929 resource limits, 49918–49920 too many requests).
 */
const SQL_SERVER_BUSY = new Set([1205, 1222, 40501, 40613, 40197, 10928, 10929, 49918, 49919, 49920]);
/** tedious connection failures that a later attempt may not meet: a timed-out or dropped socket. */
const CONNECTION_LOST = new Set(['ETIMEOUT', 'ESOCKET', 'ECONNRESET']);

/**
 * True when the database could not serve the request for now (pool exhausted, SQLite locked by another writer past
 * the busy timeout, Azure SQL throttling, deadlock or a dropped connection): the request gets a 503 with Retry-After,
 * not a 500, and the client may send it again. Looks one level into `cause`, where drivers put the original error.
 */
export function isDatabaseBusy(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null) return false;
  // tarn's own timeout: behind the gate, a connection can still be finishing its reset (shared/db/session-context.ts).
  if (error instanceof PoolExhaustedError || error instanceof PoolTimeoutError) return true;
  const { code, number, cause } = error as { code?: unknown; number?: unknown; cause?: unknown };
  if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || CONNECTION_LOST.has(code))) return true;
  if (typeof number === 'number' && SQL_SERVER_BUSY.has(number)) return true;
  return depth === 0 && isDatabaseBusy(cause, 1);
}
