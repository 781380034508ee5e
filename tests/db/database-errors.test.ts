import { TimeoutError as PoolTimeoutError } from 'tarn';
import { ConnectionError, RequestError } from 'tedious';
import { isDatabaseBusy, isUniqueViolation } from '../../shared/db/errors';
import { PoolExhaustedError } from '../../shared/db/pool-gate';

/** Azure SQL's errors as tedious raises them: which mean "busy, retry" (503) and which are faults (500). */
function sqlServerError(number: number, message: string): RequestError {
  return Object.assign(new RequestError(message, 'EREQUEST'), { number });
}

describe('database errors a request may retry', () => {
  it.each([
    ['a deadlock victim', sqlServerError(1205, 'Transaction (Process ID 57) was deadlocked on lock resources with another process and has been chosen as the deadlock victim.')],
    ['a lock timeout', sqlServerError(1222, 'Lock request time out period exceeded.')],
    ['Azure SQL busy', sqlServerError(40501, 'The service is currently busy. Retry the request after 10 seconds.')],
    ['a failover', sqlServerError(40613, "Database 'talenti' on server 'talenti-sql' is not currently available.")],
    ['a worker limit', sqlServerError(10928, 'Resource ID : 1. The request limit for the database is 60 and has been reached.')],
    ['a timed-out connection', new ConnectionError('Failed to connect to talenti-sql.database.windows.net:1433 in 15000ms', 'ETIMEOUT')],
    ['a dropped socket', new ConnectionError('Connection lost - read ECONNRESET', 'ESOCKET')],
    ['an exhausted pool', new PoolExhaustedError(10, 15_000)],
    ['no connection back from its reset in time', new PoolTimeoutError('Timeout acquiring a resource. The pool is probably full. Are you losing connections?')],
    ['SQLite locked past its busy timeout', Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })],
    ['a driver error wrapping one', new Error('query failed', { cause: sqlServerError(1205, 'deadlocked') })],
  ])('%s is busy', (_name, error) => {
    expect(isDatabaseBusy(error)).toBe(true);
  });

  it.each([
    ['a unique violation', sqlServerError(2627, "Violation of UNIQUE KEY constraint 'uq_users_issuer_subject'.")],
    ['a syntax error', sqlServerError(102, "Incorrect syntax near ','.")],
    ['a failed login', new ConnectionError("Login failed for user '<token-identified principal>'.", 'ELOGIN')],
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error', 'database is locked'],
  ])('%s is not', (_name, error) => {
    expect(isDatabaseBusy(error)).toBe(false);
  });

  it('tells a unique violation apart from a busy database', () => {
    expect(isUniqueViolation(sqlServerError(2627, 'Violation of UNIQUE KEY constraint.'))).toBe(true);
    expect(isUniqueViolation(sqlServerError(1205, 'deadlocked'))).toBe(false);
  });
});
