import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, MssqlDialect, SqliteDialect, type Dialect } from 'kysely';
import type { DatabaseSettings } from '../config/settings';
import { columnTypesFor, type SqlDialectName } from './column-types';
import type { Database } from './schema';
import { ParameterValuesPlugin } from './parameter-values';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: SqlDialectName;
  close(): Promise<void>;
}

/**
 * Kysely opens SQLite transactions with a deferred BEGIN; one that reads, then writes, fails at once with
 * "database is locked" when another process wrote in between. BEGIN IMMEDIATE takes the write lock up front,
 * so the busy timeout makes the second writer wait instead.
 */
function withImmediateTransactions(database: import('better-sqlite3').Database): import('better-sqlite3').Database {
  const prepare = database.prepare.bind(database);
  database.prepare = ((source: string) => prepare(/^\s*begin\s*;?\s*$/i.test(source) ? 'begin immediate' : source)) as typeof database.prepare;
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
  return new SqliteDialect({ database: withImmediateTransactions(database) });
}

function mssqlDialect(settings: Extract<DatabaseSettings, { provider: 'mssql' }>): Dialect {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const tedious = require('tedious') as typeof import('tedious');
  const tarn = require('tarn') as typeof import('tarn');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const authentication = mssqlAuthentication(settings);
  return new MssqlDialect({
    tarn: { ...tarn, options: { min: 0, max: settings.poolMax } },
    tedious: {
      ...tedious,
      connectionFactory: () =>
        new tedious.Connection({
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

function mssqlAuthentication(settings: Extract<DatabaseSettings, { provider: 'mssql' }>) {
  switch (settings.authentication) {
    case 'sql-password':
      return { type: 'default' as const, options: { userName: settings.user, password: settings.password } };
    case 'managed-identity':
      return {
        type: 'azure-active-directory-msi-app-service' as const,
        options: settings.managedIdentityClientId ? { clientId: settings.managedIdentityClientId } : {},
      };
    case 'default-credential':
      return {
        type: 'azure-active-directory-default' as const,
        options: settings.managedIdentityClientId ? { clientId: settings.managedIdentityClientId } : {},
      };
  }
}

export function openDatabase(settings: DatabaseSettings): DatabaseHandle {
  const dialect = settings.provider === 'sqlite' ? sqliteDialect(settings.path) : mssqlDialect(settings);
  const db = new Kysely<Database>({ dialect, plugins: [new ParameterValuesPlugin(settings.provider)] });
  return { db, dialect: settings.provider, close: () => db.destroy() };
}

export { columnTypesFor };
