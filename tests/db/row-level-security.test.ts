import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, sql, type Kysely } from 'kysely';
import { columnTypesFor } from '../../shared/db/column-types';
import { openDatabase } from '../../shared/db/database';
import { migrateToLatest } from '../../shared/db/migrate';
import { allMigrations } from '../../shared/db/migrations';
import { SESSION_SCOPE_KEY, SESSION_USER_KEY } from '../../shared/db/session-context';
import { compileMigrationsToTsql } from '../../shared/db/t-sql';

/**
 * The row-level security policy as Azure SQL holds it after every migration: replayed from the generated T-SQL
 * (sql/0003 creates it, later migrations alter it), checking on the way what SQL Server itself would refuse.
 */

/** Tables deliberately left without a policy: sign-in, platform roles, rate limits (and Kysely's own, kysely_*). */
// processed_events holds only Event Grid event ids and types, job_leases only job names and lease times: platform work.
const UNSCOPED_TABLES = ['users', 'user_identities', 'user_roles', 'rate_limit_counters', 'processed_events', 'job_leases'];

const CALLER = `TRY_CAST(SESSION_CONTEXT(N'${SESSION_USER_KEY}') AS uniqueidentifier)`;
const SYSTEM = `CAST(SESSION_CONTEXT(N'${SESSION_SCOPE_KEY}') AS nvarchar(16)) = N'system'`;
const POLICY = 'security.talenti_row_access';

type Operation = 'AFTER INSERT' | 'AFTER UPDATE' | 'BEFORE UPDATE' | 'BEFORE DELETE';

interface Predicate {
  fn: string;
  args: string;
}

interface Batch {
  file: string;
  text: string;
}

interface PolicyState {
  /** Every table a migration creates, in order. */
  tables: string[];
  /** The latest definition of each predicate function. */
  functions: Map<string, string>;
  filters: Map<string, Predicate>;
  /** Keyed by `${table} ${operation}`. */
  blocks: Map<string, Predicate>;
  /** What SQL Server would have refused along the way. */
  refusals: string[];
}

function batchesOf(file: string, content: string): Batch[] {
  return content
    .split(/^GO$/m)
    .map((b) => b.replace(/^--.*$/gm, '').trim())
    .filter((b) => b.length > 0)
    .map((text) => ({ file, text }));
}

const CLAUSE = /\b(ADD|ALTER|DROP) (FILTER|BLOCK) PREDICATE (?:security\.(\w+)\(([^)]*)\) )?ON dbo\.(\w+)(?: (AFTER INSERT|AFTER UPDATE|BEFORE UPDATE|BEFORE DELETE))?/g;

function replay(batches: Batch[]): PolicyState {
  const state: PolicyState = { tables: [], functions: new Map(), filters: new Map(), blocks: new Map(), refusals: [] };
  const refuse = (batch: Batch, why: string) => state.refusals.push(`${batch.file}: ${why}`);
  const boundTo = (fn: string) =>
    [...state.filters, ...state.blocks].filter(([, p]) => p.fn === fn).map(([target]) => target);

  for (const batch of batches) {
    const { text } = batch;
    const table = /^create table "(\w+)"/i.exec(text);
    if (table) state.tables.push(table[1] as string);

    const fn = /^(CREATE|ALTER|DROP) FUNCTION security\.(\w+)/.exec(text);
    if (fn) {
      const [, verb, name] = fn as unknown as [string, string, string];
      // A schema-bound policy pins its predicate functions: they cannot be altered or dropped while in use.
      if (verb !== 'CREATE' && boundTo(name).length > 0) refuse(batch, `${verb} FUNCTION ${name} while the policy uses it on ${boundTo(name).join(', ')}`);
      if (verb === 'CREATE' && state.functions.has(name)) refuse(batch, `CREATE FUNCTION ${name} twice`);
      if (verb !== 'CREATE' && !state.functions.has(name)) refuse(batch, `${verb} FUNCTION ${name} that does not exist`);
      if (verb === 'DROP') state.functions.delete(name);
      else state.functions.set(name, text);
    }

    if (new RegExp(`^(CREATE|ALTER) SECURITY POLICY ${POLICY.replace('.', '\\.')}\\b`).test(text)) {
      for (const [, action, kind, name, args, target, operation] of text.matchAll(CLAUSE)) {
        const map = kind === 'FILTER' ? state.filters : state.blocks;
        const key = kind === 'FILTER' ? (target as string) : `${target} ${operation ?? '(all)'}`;
        if (action === 'ADD' && map.has(key)) refuse(batch, `ADD ${kind} PREDICATE on ${key}, which has one`);
        if (action !== 'ADD' && !map.has(key)) refuse(batch, `${action} ${kind} PREDICATE on ${key}, which has none`);
        if (action === 'DROP') {
          map.delete(key);
          continue;
        }
        if (!state.functions.has(name as string)) refuse(batch, `${kind} PREDICATE ${name} before the function exists`);
        map.set(key, { fn: name as string, args: args as string });
      }
    }
  }
  return state;
}

const blocksOn = (state: PolicyState, table: string) =>
  [...state.blocks]
    .filter(([key]) => key.startsWith(`${table} `))
    .map(([key, p]) => ({ operation: key.slice(table.length + 1) as Operation, fn: p.fn }));

const reads = (body: string) => new Set([...body.matchAll(/dbo\.(\w+)/g)].map((m) => m[1] as string));

let state: PolicyState;
let runtime: Batch[];
beforeAll(async () => {
  const files = await compileMigrationsToTsql();
  state = replay(files.flatMap((f) => batchesOf(f.fileName, f.content)));
  const file = files.find((f) => f.fileName === '0006-row-level-security-runtime.sql');
  runtime = file ? batchesOf(file.fileName, file.content) : [];
});

describe('row-level security on Azure SQL, after every migration', () => {
  it('replays as SQL Server accepts it: no predicate added twice, none on a missing function, no bound function altered', () => {
    expect(state.refusals).toEqual([]);
    expect(state.filters.size).toBeGreaterThan(0);
  });

  it('filters every table any migration creates, unless it is listed as deliberately unscoped', async () => {
    const handle = openDatabase({ provider: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'talenti-rls-')), 'db.sqlite'), acquireTimeoutMs: 5000 });
    try {
      await migrateToLatest(handle.db, 'sqlite');
      const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(handle.db);
      const created = new Set([...state.tables, ...rows.map((r) => r.name)]);
      const forgotten = [...created].filter((t) => !state.filters.has(t) && !UNSCOPED_TABLES.includes(t) && !t.startsWith('kysely_'));
      expect(forgotten).toEqual([]);
    } finally {
      handle.close();
    }
    // The list stays honest: nothing on it is filtered after all, and every filter is on a table that exists.
    expect(UNSCOPED_TABLES.filter((t) => state.filters.has(t) || blocksOn(state, t).length > 0)).toEqual([]);
    expect([...state.filters.keys()].filter((t) => !state.tables.includes(t))).toEqual([]);
  });

  it('filters the tables of 0004 and 0005 by their owners', () => {
    const filterOf = (table: string) => {
      const p = state.filters.get(table);
      return p && `${p.fn}(${p.args})`;
    };
    expect({
      ai_usage: filterOf('ai_usage'),
      shortlist_entries: filterOf('shortlist_entries'),
      email_outbox: filterOf('email_outbox'),
      idempotency_records: filterOf('idempotency_records'),
      interview_sessions: filterOf('interview_sessions'),
      consents: filterOf('consents'),
      interview_score_revisions: filterOf('interview_score_revisions'),
      acs_identities: filterOf('acs_identities'),
    }).toEqual({
      ai_usage: 'fn_organisation_member(organisation_id)',
      shortlist_entries: 'fn_shortlist_access(application_id, job_role_id)',
      email_outbox: 'fn_invitation_staff_access(invitation_id)',
      idempotency_records: 'fn_owner_access(user_id)',
      interview_sessions: 'fn_interview_access(interview_id)',
      consents: 'fn_interview_access(interview_id)',
      interview_score_revisions: 'fn_interview_staff_access(interview_id)',
      acs_identities: 'fn_owner_access(user_id)',
    });
  });

  it('never lets a candidate see the shortlist, the outbox or earlier scores: those predicates grant staff only', () => {
    for (const table of ['shortlist_entries', 'shortlist_staging_entries', 'email_outbox', 'interview_score_revisions', 'ai_usage']) {
      const body = state.functions.get(state.filters.get(table)?.fn ?? '') ?? '';
      expect({ table, staff: body.includes('INNER JOIN dbo.org_users AS m') || body.includes('FROM dbo.org_users AS m') }).toEqual({ table, staff: true });
      expect({ table, body }).toEqual({ table, body: expect.not.stringMatching(/candidate_id = TRY_CAST|@\w+ = TRY_CAST/) });
    }
  });

  it('blocks writes that would move a row to another organisation or person; only the candidate writes a consent', () => {
    const moves = ['AFTER INSERT', 'AFTER UPDATE'];
    for (const table of ['ai_usage', 'shortlist_entries', 'shortlist_staging_entries', 'email_outbox', 'idempotency_records', 'interview_sessions', 'interview_score_revisions', 'acs_identities']) {
      // The block is the filter itself: whoever may see the row may write it, nobody may write a row they could not see.
      const filter = state.filters.get(table)?.fn;
      expect({ table, blocks: blocksOn(state, table) }).toEqual({ table, blocks: moves.map((operation) => ({ operation, fn: filter })) });
    }
    expect(blocksOn(state, 'consents')).toEqual(
      ['AFTER INSERT', 'AFTER UPDATE', 'BEFORE UPDATE', 'BEFORE DELETE'].map((operation) => ({ operation, fn: 'fn_interview_candidate_access' })),
    );
    expect(state.functions.get('fn_interview_candidate_access')).toContain(`a.candidate_id = ${CALLER}`);
    expect(state.functions.get('fn_interview_candidate_access')).not.toContain('org_users');
  });

  it('lets both parties of an interview read its recordings and only its staff change them (0009)', () => {
    expect(state.filters.get('recordings')).toEqual({ fn: 'fn_interview_access', args: 'interview_id' });
    expect(blocksOn(state, 'recordings')).toEqual(
      ['AFTER INSERT', 'AFTER UPDATE', 'BEFORE UPDATE', 'BEFORE DELETE'].map((operation) => ({ operation, fn: 'fn_interview_staff_access' })),
    );
  });

  it('lets only staff of an interview read or change the participants of its call, phone numbers included (0019)', () => {
    expect(state.filters.get('call_participants')).toEqual({ fn: 'fn_interview_staff_access', args: 'interview_id' });
    expect(blocksOn(state, 'call_participants')).toEqual(
      ['AFTER INSERT', 'AFTER UPDATE', 'BEFORE UPDATE', 'BEFORE DELETE'].map((operation) => ({ operation, fn: 'fn_interview_staff_access' })),
    );
  });

  it('lets only members of the organisation read or write its scoring-consistency checks and results (0014)', () => {
    for (const table of ['scoring_consistency_checks', 'scoring_consistency_results']) {
      expect({ table, filter: state.filters.get(table) }).toEqual({ table, filter: { fn: 'fn_organisation_member', args: 'organisation_id' } });
      expect({ table, blocks: blocksOn(state, table) }).toEqual({ table, blocks: ['AFTER INSERT', 'AFTER UPDATE'].map((operation) => ({ operation, fn: 'fn_organisation_member' })) });
    }
  });

  it('keeps a shortlist entry only for the role of its own application', () => {
    expect(state.functions.get('fn_shortlist_access')).toMatch(/WHERE a\.id = @application_id AND a\.job_role_id = @job_role_id AND m\.user_id = /);
  });

  it('lets any signed-in user read the organisation of an active job role, besides the rules of 0003', () => {
    expect(state.filters.get('organisations')).toEqual({ fn: 'fn_organisation_access', args: 'id, created_by' });
    const body = state.functions.get('fn_organisation_access') ?? '';
    expect(body).toMatch(/^ALTER FUNCTION security\.fn_organisation_access\(@organisation_id uniqueidentifier, @created_by uniqueidentifier\)/);
    expect(body).toContain(`(${CALLER} IS NOT NULL AND EXISTS (\n      SELECT 1 FROM dbo.job_roles AS r\n      WHERE r.organisation_id = @organisation_id AND r.status = N'active'))`);
    // 0003's grants are all still there: the creator, members, applicants.
    expect(body).toContain(`@created_by = ${CALLER}`);
    expect(body).toContain('FROM dbo.org_users AS m WHERE m.organisation_id = @organisation_id');
    expect(body).toContain(`WHERE r.organisation_id = @organisation_id AND a.candidate_id = ${CALLER}`);
    // Writes stay with members.
    expect(blocksOn(state, 'organisations')).toEqual([
      { operation: 'BEFORE UPDATE', fn: 'fn_organisation_member' },
      { operation: 'BEFORE DELETE', fn: 'fn_organisation_member' },
    ]);
  });

  it('alters that function while the organisations filter is the narrower member rule, so no step shows more', () => {
    const steps = runtime
      .map((b) => b.text)
      .filter((t) => t.includes('dbo.organisations') || t.startsWith('ALTER FUNCTION'))
      .map((t) => t.split('\n').find((line) => /FUNCTION|PREDICATE/.test(line))?.trim());
    expect(steps).toEqual([
      'ALTER FILTER PREDICATE security.fn_organisation_member(id) ON dbo.organisations;',
      'ALTER FUNCTION security.fn_organisation_access(@organisation_id uniqueidentifier, @created_by uniqueidentifier)',
      'ALTER FILTER PREDICATE security.fn_organisation_access(id, created_by) ON dbo.organisations;',
    ]);
  });

  it('puts every CREATE or ALTER of a function or the policy in a batch of its own', () => {
    for (const { text } of runtime) {
      expect(text).toMatch(/^(CREATE FUNCTION|ALTER FUNCTION|ALTER SECURITY POLICY) security\./);
      expect(text.match(/^(CREATE|ALTER) /gm)).toHaveLength(1);
    }
  });

  it('uses schema-bound inline predicate functions over the session context keys the data layer sets', () => {
    for (const [name, body] of state.functions) {
      expect({ name, body }).toEqual({ name, body: expect.stringMatching(/RETURNS TABLE\nWITH SCHEMABINDING\nAS\nRETURN\n {2}SELECT 1 AS access_granted\n {2}WHERE /) });
      expect({ name, system: body.includes(`WHERE ${SYSTEM}\n`) }).toEqual({ name, system: true });
      expect(body.replaceAll(CALLER, 'CALLER')).not.toContain(`SESSION_CONTEXT(N'${SESSION_USER_KEY}')`);
      expect(body).not.toMatch(/\b(FROM|JOIN) (?!dbo\.)\w+/);
    }
  });

  it('reads no table in a predicate whose own filter leads back to it (only org_users refers to itself)', () => {
    const readBy = (table: string) =>
      [...reads(state.functions.get(state.filters.get(table)?.fn ?? '') ?? '')].filter((t) => !(t === table && t === 'org_users'));
    const cycle = (path: string[]): string[] | null => {
      for (const next of readBy(path[path.length - 1] as string)) {
        if (next === path[0]) return [...path, next];
        if (path.includes(next)) continue;
        const found = cycle([...path, next]);
        if (found) return found;
      }
      return null;
    };
    expect(readBy('org_users')).toEqual([]);
    for (const table of state.filters.keys()) expect({ table, cycle: cycle([table]) }).toEqual({ table, cycle: null });
  });
});

describe('row-level security migrations on SQLite', () => {
  it.each([
    ['0002-versions-and-overrides', '0003-row-level-security'],
    ['0005-interview-runtime', '0006-row-level-security-runtime'],
  ])('after %s, %s applies as a no-op: SQLite has no policies, so the schema is unchanged', async (previous, migration) => {
    const handle = openDatabase({ provider: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'talenti-rls-')), 'db.sqlite'), acquireTimeoutMs: 5000 });
    try {
      const migrator = new Migrator({
        db: handle.db as unknown as Kysely<unknown>,
        provider: { getMigrations: async () => allMigrations(columnTypesFor('sqlite')) },
      });
      expect((await migrator.migrateTo(previous)).error).toBeUndefined();
      const schema = () =>
        sql<{ type: string; name: string; sql: string | null }>`select type, name, sql from sqlite_master where name not like 'kysely_%' order by type, name`
          .execute(handle.db)
          .then((r) => r.rows);
      const before = await schema();
      const { error, results } = await migrator.migrateTo(migration);
      expect(error).toBeUndefined();
      expect(results?.map((r) => [r.migrationName, r.status])).toEqual([[migration, 'Success']]);
      expect(await schema()).toEqual(before);
    } finally {
      await handle.close();
    }
  });
});
