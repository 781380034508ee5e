import type { DatabaseConnection, Dialect, Driver } from 'kysely';

/** The dialect with its driver wrapped; adapter, compiler and introspector stay the dialect's own. */
export function withDriver(dialect: Dialect, wrap: (driver: Driver) => Driver): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver: () => wrap(dialect.createDriver()),
  };
}

export interface ConnectionWrapping {
  /** What Kysely gets in place of each connection the driver hands out. */
  wrap(connection: DatabaseConnection): DatabaseConnection;
  /** Runs before each BEGIN, COMMIT and ROLLBACK. */
  beforeTransactionControl?(): Promise<void>;
  /** How a connection goes back; by default the driver's release, awaited. */
  release?(release: () => Promise<void>): Promise<void>;
}

/** A driver whose connections are wrapped: Kysely sees the wrapper, the driver always gets its own connection back. */
export function wrappedDriver(driver: Driver, wrapping: ConnectionWrapping): Driver {
  const own = new WeakMap<DatabaseConnection, DatabaseConnection>();
  const unwrap = (connection: DatabaseConnection) => own.get(connection) ?? connection;
  const control = async <T>(work: () => Promise<T>) => {
    await wrapping.beforeTransactionControl?.();
    return work();
  };
  return {
    init: () => driver.init(),
    async acquireConnection() {
      const connection = await driver.acquireConnection();
      const wrapper = wrapping.wrap(connection);
      own.set(wrapper, connection);
      return wrapper;
    },
    beginTransaction: (connection, settings) => control(() => driver.beginTransaction(unwrap(connection), settings)),
    commitTransaction: (connection) => control(() => driver.commitTransaction(unwrap(connection))),
    rollbackTransaction: (connection) => control(() => driver.rollbackTransaction(unwrap(connection))),
    releaseConnection: (connection) => {
      const release = () => driver.releaseConnection(unwrap(connection));
      return wrapping.release ? wrapping.release(release) : release();
    },
    destroy: () => driver.destroy(),
  };
}
