import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, MssqlDialect, SqliteDialect, type Dialect } from 'kysely';
import type { DatabaseSettings } from '../config/settings';
import { appCredential } from '../identity/app-credential';
import { errorSummary } from '../observability/error-summary';
import { columnTypesFor, type SqlDialectName } from './column-types';
import type { Database } from './schema';
import { parameterValuesDialect } from './parameter-values';
import { PoolGate, type PoolGauge } from './pool-gate';
import { countingDialect } from './round-trips';
import { createScopes, type Scopes } from './scopes';
import { sessionContextDialect } from './session-context';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: SqlDialectName;
  /** The only way use-cases reach the database: short units of work in a row-level security scope. */
  scopes: Scopes;
  pool: PoolGauge;
  close(): Promise<void>;
}

/**
 * Kysely prepares every statement anew; preparing costs more than running most of ours. Statements are kept by
 * their text (a bounded, least-recently-used set) and a busy one (an iteration still open) is never handed out twice.
 * Kysely opens SQLite transactions with a deferred BEGIN; one that reads, then writes, fails at once with
 * "database is locked" when another process wrote in between. BEGIN IMMEDIATE takes the write lock up front,
 * so the busy timeout makes the second writer wait instead.
 */
const PREPARED_STATEMENTS = 500;

function withPreparedStatements(database: import('better-sqlite3').Database): import('better-sqlite3').Database {
  const prepare = database.prepare.bind(database);
  const prepared = new Map<string, import('better-sqlite3').Statement>();
  database.prepare = ((text: string) => {
    const source = /^\s*begin\s*;?\s*$/i.test(text) ? 'begin immediate' : text;
    let statement = prepared.get(source);
    if (statement && !statement.busy) prepared.delete(source);
    else statement = prepare(source);
    prepared.set(source, statement);
    if (prepared.size > PREPARED_STATEMENTS) prepared.delete(prepared.keys().next().value as string);
    return statement;
  }) as typeof database.prepare;
  return database;
}

function sqliteDialect(path: string): Dialect {
  // Loaded lazily so an Azure deployment never needs the native module.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const BetterSqlite3 = require('better-sqlite3') as typeof import('better-sqlite3');
  mkdirSync(dirname(path), { recursive: true });
  const database = new BetterSqlite3(path);
  // WAL lets several local host processes share one file; the busy timeout makes writers queue, not fail.
  database.pragma('journal_mode = WAL');
  // WAL with NORMAL sync cannot corrupt the file; it may drop the last commits on power loss, fine for local runs.
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  return new SqliteDialect({ database: withPreparedStatements(database) });
}

const IDLE_CONNECTION_MS = 10 * 60_000;

type MssqlSettings = Extract<DatabaseSettings, { provider: 'mssql' }>;

/** How a TDS connection is made: tedious's own, or (in tests) a recording stand-in with the same API. */
export type TdsConnectionFactory = (tedious: typeof import('tedious'), options: import('tedious').ConnectionConfiguration) => import('tedious').Connection;

const tdsConnection: TdsConnectionFactory = (tedious, options) => new tedious.Connection(options);

function mssqlDialect(settings: MssqlSettings, connect: TdsConnectionFactory): Dialect {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const tedious = require('tedious') as typeof import('tedious');
  const tarn = require('tarn') as typeof import('tarn');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const authentication = mssqlAuthentication(settings);
  return new MssqlDialect({
    // Connections stay warm while the app is busy (a cold Entra login costs a second) and close after ten idle
    // minutes, so an idle deployment holds no session and Azure SQL serverless can auto-pause (docs/operations.md).
    // A pinned minimum (min: 1) would keep the database awake for ever behind the always-ready instance.
    // The acquire timeout is the gate's (shared/db/pool-gate.ts), so both dialects fail the same way.
    tarn: { ...tarn, options: { min: 0, max: settings.poolMax, idleTimeoutMillis: IDLE_CONNECTION_MS, acquireTimeoutMillis: settings.acquireTimeoutMs } },
    // No `SELECT 1` round trip on every acquire: a broken connection fails its query and tarn replaces it.
    validateConnections: false,
    // sp_reset_connection on release clears the read-only SESSION_CONTEXT a scope set (shared/db/session-context.ts).
    resetConnectionsOnRelease: true,
    tedious: {
      ...tedious,
      connectionFactory: () =>
        connect(tedious, {
          server: settings.server,
          authentication,
          options: {
            database: settings.database,
            port: settings.port,
            encrypt: true,
            trustServerCertificate: settings.trustServerCertificate,
            // Our ids are lower-case v4 UUIDs; keep them that way when read back from uniqueidentifier columns.
            lowerCaseGuids: true,
            useUTC: true,
          },
        }),
    },
  });
}

function mssqlAuthentication(settings: MssqlSettings) {
  if (settings.authentication === 'sql-password') {
    return { type: 'default' as const, options: { userName: settings.user, password: settings.password } };
  }
  // The app's one shared credential: tokens are cached once for SQL and every other Azure client.
  return { type: 'token-credential' as const, options: { credential: appCredential(settings.managedIdentityClientId) } };
}

export interface DatabaseOptions {
  /** Where an Azure SQL connection reset that failed after its scope ended is reported (nobody waits for it). */
  onResetError?: (error: unknown) => void;
  /** Tests only: a recording stand-in for tedious's connection. */
  connectTds?: TdsConnectionFactory;
}

export function openDatabase(settings: DatabaseSettings, options: DatabaseOptions = {}): DatabaseHandle {
  // SQLite is one connection (better-sqlite3 is synchronous): a pool of one, so a scope held too long or
  // nested inside another fails with PoolExhaustedError here exactly as it would starve Azure SQL's pool.
  const gate = new PoolGate(settings.provider === 'sqlite' ? 1 : settings.poolMax, settings.acquireTimeoutMs);
  const driverDialect =
    settings.provider === 'sqlite'
      ? sqliteDialect(settings.path)
      : sessionContextDialect(mssqlDialect(settings, options.connectTds ?? tdsConnection), options.onResetError ?? ((error) => console.error('connection reset after release failed', errorSummary(error))));
  const dialect = gate.wrap(countingDialect(parameterValuesDialect(driverDialect, settings.provider), settings.provider === 'sqlite' ? (settings.roundTripDelayMs ?? 0) : 0));
  const db = new Kysely<Database>({ dialect });
  return { db, dialect: settings.provider, scopes: createScopes({ db, dialect: settings.provider }), pool: gate, close: () => db.destroy() };
}

export { columnTypesFor };
