import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CompiledQuery, DatabaseConnection, Dialect, QueryResult } from 'kysely';
import { withDriver, wrappedDriver } from './driver-wrapping';

/**
 * Database round trips of one request, counted at the driver so both dialects count the same way: every
 * statement and every BEGIN, COMMIT and ROLLBACK. `beforeNetwork` is the count when the request made its first
 * outbound HTTP call (for a turn, opening the model stream). Benchmarks and tests read it; see docs/performance.md.
 */
export interface RoundTrips {
  total: number;
  beforeNetwork: number | null;
}

const current = new AsyncLocalStorage<RoundTrips>();
let watching = false;

function noteNetworkCall(): void {
  const trips = current.getStore();
  if (trips && trips.beforeNetwork === null) trips.beforeNetwork = trips.total;
}

/** Runs work with its round trips counted into the returned record (read it when the work is done). */
export function countRoundTrips<T>(work: () => Promise<T>): { trips: RoundTrips; result: Promise<T> } {
  if (!watching) {
    watching = true;
    subscribe('http.client.request.start', noteNetworkCall);
    subscribe('undici:request:create', noteNetworkCall);
  }
  const trips: RoundTrips = { total: 0, beforeNetwork: null };
  return { trips, result: current.run(trips, work) };
}

const TRANSACTION_CONTROL = /^\s*(begin|commit|rollback)\b/i;

/**
 * Wraps a dialect's driver to count round trips and, when `delayMs` > 0, to wait that long before each one: the
 * benchmark's stand-in for Azure SQL's network latency on SQLite, where a query costs microseconds.
 */
export function countingDialect(dialect: Dialect, delayMs: number): Dialect {
  const trip = async () => {
    const trips = current.getStore();
    if (trips) trips.total++;
    if (delayMs > 0) await sleep(delayMs);
  };
  const counted = (connection: DatabaseConnection): DatabaseConnection => ({
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      // SQLite's driver sends BEGIN and COMMIT as queries; they are counted once, before the driver's transaction calls.
      if (!TRANSACTION_CONTROL.test(query.sql)) await trip();
      return connection.executeQuery<R>(query);
    },
    streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
  });
  return withDriver(dialect, (driver) => wrappedDriver(driver, { wrap: counted, beforeTransactionControl: trip }));
}
