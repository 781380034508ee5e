import type { DatabaseConnection, Dialect, Driver, TransactionSettings } from 'kysely';
import { withDriver } from './driver-wrapping';

/** Raised when no connection frees up in time: the pool is exhausted (see docs/database.md, connections). */
export class PoolExhaustedError extends Error {
  constructor(max: number, waitedMs: number) {
    super(`No database connection became free within ${waitedMs} ms (pool of ${max}).`);
    this.name = 'PoolExhaustedError';
  }
}

/** What the pool is doing now: tests and the health check read it. */
export interface PoolGauge {
  readonly max: number;
  readonly checkedOut: number;
  readonly waiting: number;
}

/**
 * A counting gate in front of a dialect's driver: at most `max` connections checked out at once, waiters queue
 * and fail after `acquireTimeoutMs`. On Azure SQL it mirrors tarn's own limit (so both dialects starve the same
 * way if a connection is held too long); on SQLite it is what makes "a pool of N" mean something locally.
 */
export class PoolGate implements PoolGauge {
  #checkedOut = 0;
  readonly #waiters: Array<() => void> = [];

  constructor(
    readonly max: number,
    private readonly acquireTimeoutMs: number,
  ) {}

  get checkedOut() {
    return this.#checkedOut;
  }

  get waiting() {
    return this.#waiters.length;
  }

  async enter(): Promise<void> {
    if (this.#checkedOut < this.max) {
      this.#checkedOut++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const admit = () => {
        clearTimeout(timer);
        this.#checkedOut++;
        resolve();
      };
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(admit), 1);
        reject(new PoolExhaustedError(this.max, this.acquireTimeoutMs));
      }, this.acquireTimeoutMs);
      this.#waiters.push(admit);
    });
  }

  leave(): void {
    this.#checkedOut--;
    this.#waiters.shift()?.();
  }

  wrap(dialect: Dialect): Dialect {
    return withDriver(dialect, (driver) => new GatedDriver(driver, this));
  }
}

class GatedDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly gate: PoolGate,
  ) {}

  init() {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.gate.enter();
    try {
      return await this.inner.acquireConnection();
    } catch (error) {
      this.gate.leave();
      throw error;
    }
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    try {
      await this.inner.releaseConnection(connection);
    } finally {
      this.gate.leave();
    }
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    return this.inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection) {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection) {
    return this.inner.rollbackTransaction(connection);
  }

  destroy() {
    return this.inner.destroy();
  }
}
