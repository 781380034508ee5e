import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Connection, Request } from 'tedious';
import { countRoundTrips } from '../../shared/db/round-trips';
import { openDatabase, type DatabaseHandle } from '../../shared/db/database';
import { isDatabaseBusy } from '../../shared/db/errors';
import { SESSION_SCOPE_KEY, SESSION_USER_KEY } from '../../shared/db/session-context';

/**
 * Azure SQL's row-level security context and connection reset, through Kysely's real MSSQL driver, tarn and
 * tedious's Request: only the TDS connection is a stand-in, which records what would go over the wire.
 */
type Sent = { kind: 'sql'; sql: string; parameters: unknown[] } | { kind: 'begin' | 'commit' | 'rollback' | 'reset' };

class RecordingTdsConnection extends EventEmitter {
  constructor(
    private readonly sent: Sent[],
    private readonly resets: { hold: Promise<void> },
  ) {
    super();
  }
  connect(callback: (error?: Error) => void) {
    setImmediate(() => callback());
  }
  execSql(request: Request) {
    this.sent.push({ kind: 'sql', sql: request.sqlTextOrProcedure ?? '', parameters: request.parameters.map((p) => p.value) });
    setImmediate(() => {
      request.callback(undefined, 0);
      request.emit('requestCompleted');
    });
  }
  beginTransaction(callback: (error?: Error) => void) {
    this.sent.push({ kind: 'begin' });
    setImmediate(() => callback());
  }
  commitTransaction(callback: (error?: Error) => void) {
    this.sent.push({ kind: 'commit' });
    setImmediate(() => callback());
  }
  rollbackTransaction(callback: (error?: Error) => void) {
    this.sent.push({ kind: 'rollback' });
    setImmediate(() => callback());
  }
  reset(callback: (error?: Error) => void) {
    this.sent.push({ kind: 'reset' });
    void this.resets.hold.then(() => callback());
  }
  close() {
    setImmediate(() => this.emit('end'));
  }
}

const CONTEXT_PREFIX = new RegExp(
  `^exec sp_set_session_context @key = N'${SESSION_USER_KEY}', @value = @(\\d+), @read_only = 1; ` +
    `exec sp_set_session_context @key = N'${SESSION_SCOPE_KEY}', @value = @(\\d+), @read_only = 1; `,
);

describe('Azure SQL session context and connection reset', () => {
  let sent: Sent[];
  let releaseResets: () => void;
  let resets: { hold: Promise<void> };
  let database: DatabaseHandle;

  const open = (acquireTimeoutMs: number) =>
    openDatabase(
      { provider: 'mssql', server: 'sql.invalid', database: 'talenti', port: 1433, authentication: 'sql-password', user: 'u', password: 'p', poolMax: 1, acquireTimeoutMs, trustServerCertificate: false },
      { connectTds: () => new RecordingTdsConnection(sent, resets) as unknown as Connection },
    );

  beforeEach(() => {
    sent = [];
    resets = { hold: Promise.resolve() };
    database = open(2_000);
  });

  afterEach(async () => {
    releaseResets?.();
    await database.close();
  });

  const statements = () => sent.filter((s): s is Extract<Sent, { kind: 'sql' }> => s.kind === 'sql');
  const statement = (index: number) => {
    const found = statements()[index];
    if (!found) throw new Error(`no statement ${index} was sent`);
    return found;
  };

  it("sends the context in front of a scope's first statement, with its values as the last parameters", async () => {
    const userId = randomUUID();
    const applicationId = randomUUID();
    await database.scopes.user(userId).run(async (db) => {
      await db.selectFrom('applications').select('id').where('id', '=', applicationId).execute();
      await db.selectFrom('job_roles').select('id').where('id', '=', applicationId).execute();
    });

    const [first, second] = [statement(0), statement(1)];
    const [prefix, userParameter, kindParameter] = CONTEXT_PREFIX.exec(first.sql) ?? [];
    expect([userParameter, kindParameter]).toEqual(['2', '3']);
    expect(first.sql.slice(prefix?.length)).toBe('select "id" from "applications" where "id" = @1');
    expect(first.parameters).toEqual([applicationId, userId, 'user']);
    expect(second.sql).not.toMatch(/sp_set_session_context/);
    expect(second.parameters).toEqual([applicationId]);
  });

  it('binds a Date as datetime2(3) text and leaves other values as they are, context values included', async () => {
    const userId = randomUUID();
    const at = new Date('2026-12-03T04:05:06.789Z');
    await database.scopes.user(userId).run((db) => db.selectFrom('users').select('id').where('last_sign_in_at', '<', at).where('display_name', '=', 'Ana').limit(3).execute());

    // tedious would send a Date as datetime (1/300 s), rounding the milliseconds a keyset cursor compares.
    expect(statement(0).parameters).toEqual(['2026-12-03T04:05:06.789', 'Ana', 3, userId, 'user']);
  });

  it('sets the context again for every scope, each with its own caller and kind', async () => {
    const userId = randomUUID();
    await database.scopes.system.run((db) => db.selectFrom('users').select('id').execute());
    await database.scopes.user(userId).run((db) => db.selectFrom('users').select('id').execute());
    await database.scopes.anonymous.run((db) => db.selectFrom('users').select('id').execute());

    expect(statements().map((s) => s.parameters)).toEqual([
      [null, 'system'],
      [userId, 'user'],
      [null, 'anonymous'],
    ]);
    expect(sent.filter((s) => s.kind === 'reset')).toHaveLength(3);
  });

  it('in a transaction, the context rides on the first statement after BEGIN', async () => {
    const userId = randomUUID();
    await database.scopes.user(userId).transaction(async (db) => {
      await db.selectFrom('users').select('id').execute();
      await db.updateTable('users').set({ display_name: 'x' }).where('id', '=', userId).execute();
    });

    expect(sent.map((s) => s.kind)).toEqual(['begin', 'sql', 'sql', 'commit', 'reset']);
    expect(statement(0).sql).toMatch(CONTEXT_PREFIX);
    expect(statement(1).sql).not.toMatch(/sp_set_session_context/);
  });

  it('counts one round trip per statement: the context costs none of its own', async () => {
    const { trips, result } = countRoundTrips(() =>
      database.scopes.user(randomUUID()).run(async (db) => {
        await db.selectFrom('users').select('id').execute();
        await db.selectFrom('users').select('id').execute();
      }),
    );
    await result;
    expect(trips.total).toBe(2);
    expect(statements()).toHaveLength(2);
  });

  it('a scope ends without waiting for the reset, and the connection is reused only after it', async () => {
    resets.hold = new Promise<void>((resolve) => (releaseResets = resolve));
    await database.scopes.user(randomUUID()).run((db) => db.selectFrom('users').select('id').execute());
    expect(sent.map((s) => s.kind)).toEqual(['sql', 'reset']);

    // A pool of one: the next scope waits for the reset, then finds the connection clean and sets its own context.
    const next = database.scopes.system.run((db) => db.selectFrom('users').select('id').execute());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(statements()).toHaveLength(1);
    releaseResets();
    await next;
    expect(sent.map((s) => s.kind)).toEqual(['sql', 'reset', 'sql', 'reset']);
    expect(statement(1).parameters).toEqual([null, 'system']);
  });

  it('a connection whose reset outlasts the acquire timeout makes the next scope a busy database (503), not a fault', async () => {
    await database.close();
    database = open(200);
    resets.hold = new Promise<void>((resolve) => (releaseResets = resolve));
    await database.scopes.user(randomUUID()).run((db) => db.selectFrom('users').select('id').execute());
    const failure = await database.scopes.system.run((db) => db.selectFrom('users').select('id').execute()).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(isDatabaseBusy(failure)).toBe(true);
  });
});
