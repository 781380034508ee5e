import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, sql, type Kysely } from 'kysely';
import { columnTypesFor } from '../../shared/db/column-types';
import { openDatabase, type DatabaseHandle } from '../../shared/db/database';
import { migrateToLatest } from '../../shared/db/migrate';
import { allMigrations } from '../../shared/db/migrations';
import { SESSION_SCOPE_KEY, SESSION_USER_KEY } from '../../shared/db/session-context';
import { compileMigrationsToTsql } from '../../shared/db/t-sql';
import { compileRepositoryQueriesToTsql } from '../../shared/db/query-catalogue';

const ORIGINAL_TABLES = [
  'candidate_profiles', 'employment_history', 'education', 'candidate_skills', 'candidate_dei', 'user_roles',
  'organisations', 'org_users', 'job_roles', 'applications', 'invitations', 'interviews', 'transcript_segments',
  'score_dimensions', 'interview_scores', 'audit_log', 'practice_interviews', 'data_deletion_requests',
];

/**
 * The message a rejected write carries. (Not `.rejects.toThrow`: better-sqlite3's native module keeps the
 * error class of the first test file that loaded it, which jest's per-file realms then fail to recognise.)
 */
async function failureOf(write: Promise<unknown>): Promise<string> {
  return write.then(
    () => 'no error',
    (error: unknown) => String((error as { message?: unknown }).message ?? error),
  );
}

/** Tables the rebuild adds: sign-in, rate limits, AI metering and shortlists, the interview runtime, calls. */
const PLATFORM_TABLES = [
  'users', 'user_identities', 'rate_limit_counters', 'ai_usage', 'shortlist_entries', 'email_outbox', 'idempotency_records',
  'interview_sessions', 'consents', 'interview_score_revisions', 'acs_identities', 'job_leases', 'processed_events', 'recordings',
  'scoring_consistency_checks', 'scoring_consistency_results', 'member_invitations', 'call_participants',
  'shortlist_staging_entries',
];

function freshDatabase(): DatabaseHandle {
  return openDatabase({ provider: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'talenti-migrate-')), 'db.sqlite'), acquireTimeoutMs: 5000 });
}

async function tables(handle: DatabaseHandle): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(handle.db);
  return rows.map((r) => r.name);
}

describe('migrations on SQLite', () => {
  let handle: DatabaseHandle;
  beforeEach(() => (handle = freshDatabase()));
  afterEach(() => handle.close());

  it('create all 18 original tables plus the new platform tables on an empty database', async () => {
    const { applied } = await migrateToLatest(handle.db, 'sqlite');
    expect(applied.slice(0, 3)).toEqual(['0001-core-schema', '0002-versions-and-overrides', '0003-row-level-security']);
    expect(applied).toEqual(Object.keys(allMigrations(columnTypesFor('sqlite'))));
    expect(await tables(handle)).toEqual([...ORIGINAL_TABLES, ...PLATFORM_TABLES].sort());
  });

  it('are a no-op the second time', async () => {
    await migrateToLatest(handle.db, 'sqlite');
    const before = await tables(handle);
    expect((await migrateToLatest(handle.db, 'sqlite')).applied).toEqual([]);
    expect(await tables(handle)).toEqual(before);
  });

  describe('constraints', () => {
    const user = '11111111-1111-4111-8111-111111111111';
    const org = '22222222-2222-4222-8222-222222222222';
    beforeEach(async () => {
      await migrateToLatest(handle.db, 'sqlite');
      await handle.db.insertInto('users').values({ id: user, issuer: 'i', subject: 's', email: null, display_name: null, last_sign_in_at: new Date() }).execute();
      await handle.db.insertInto('organisations').values({ id: org, name: 'Org', name_key: 'org', created_by: user }).execute();
    });

    it('stands in for the Postgres enums with CHECK constraints', async () => {
      const insert = (role: string) =>
        handle.db.insertInto('org_users').values({ id: crypto.randomUUID(), user_id: user, organisation_id: org, role }).execute();
      expect(await failureOf(insert('org_admin'))).toMatch(/CHECK constraint/);
      expect(await failureOf(insert('admin'))).toBe('no error');
      const badStatus = handle.db.insertInto('job_roles').values({ id: crypto.randomUUID(), organisation_id: org, title: 'T', status: 'archived' }).execute();
      expect(await failureOf(badStatus)).toMatch(/CHECK constraint/);
    });

    it('applies defaults: timestamps in UTC with milliseconds, JSON documents, booleans', async () => {
      const id = crypto.randomUUID();
      await handle.db.insertInto('candidate_profiles').values({ id, user_id: user, visibility_settings: undefined }).execute();
      const row = await handle.db.selectFrom('candidate_profiles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.country).toBe('Australia');
      expect(row.profile_visibility).toBe('visible');
      expect(row.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(JSON.parse(row.visibility_settings)).toMatchObject({ name: true, email: false, phone: false });
    });

    it('refuses text that is not JSON in JSON columns', async () => {
      expect(await failureOf(handle.db.updateTable('organisations').set({ values_framework: '{not json' }).where('id', '=', org).execute())).toMatch(/CHECK constraint/);
    });

    it('enforces uniques and cascades deletes as the original did', async () => {
      const member = () => handle.db.insertInto('org_users').values({ id: crypto.randomUUID(), user_id: user, organisation_id: org, role: 'viewer' }).execute();
      await member();
      expect(await failureOf(member())).toMatch(/UNIQUE/);
      const role = crypto.randomUUID();
      await handle.db.insertInto('job_roles').values({ id: role, organisation_id: org, title: 'Engineer' }).execute();
      await handle.db.insertInto('applications').values({ id: crypto.randomUUID(), candidate_id: user, job_role_id: role }).execute();
      await handle.db.deleteFrom('organisations').where('id', '=', org).execute();
      expect(await handle.db.selectFrom('job_roles').selectAll().execute()).toEqual([]);
      expect(await handle.db.selectFrom('applications').selectAll().execute()).toEqual([]);
      expect(await handle.db.selectFrom('org_users').selectAll().execute()).toEqual([]);
    });

    it('refuses rows that point at nothing', async () => {
      expect(await failureOf(handle.db.insertInto('applications').values({ id: crypto.randomUUID(), candidate_id: user, job_role_id: crypto.randomUUID() }).execute())).toMatch(/FOREIGN KEY/);
    });
  });
});

describe('0013: the offline re-rank stage', () => {
  it('keeps the stored entries and their index, allows stage offline and still refuses an unknown stage', async () => {
    const handle = freshDatabase();
    try {
      const migrator = new Migrator({ db: handle.db as unknown as Kysely<unknown>, provider: { getMigrations: async () => allMigrations(columnTypesFor('sqlite')) } });
      expect((await migrator.migrateTo('0012-interview-endings-and-practice')).error).toBeUndefined();
      const [user, org, role, application] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
      await handle.db.insertInto('users').values({ id: user, issuer: 'i', subject: user, email: null, display_name: null, last_sign_in_at: new Date() }).execute();
      await handle.db.insertInto('organisations').values({ id: org, name: 'Org', name_key: 'org', created_by: user }).execute();
      await handle.db.insertInto('job_roles').values({ id: role, organisation_id: org, title: 'Engineer' }).execute();
      await handle.db.insertInto('applications').values({ id: application, candidate_id: user, job_role_id: role }).execute();
      const entry = (stage: string) => ({ application_id: application, job_role_id: role, match_score: 70, deterministic_score: 60, match_reasons: '["r"]', stage, provider: 'offline', prompt_version: null });
      await handle.db.insertInto('shortlist_entries').values(entry('model')).execute();

      expect((await migrator.migrateTo('0013-shortlist-offline-stage')).error).toBeUndefined();
      expect(await handle.db.selectFrom('shortlist_entries').select(['application_id', 'stage', 'match_reasons']).execute()).toEqual([{ application_id: application, stage: 'model', match_reasons: '["r"]' }]);
      const { rows: indexes } = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'shortlist_entries' and sql is not null`.execute(handle.db);
      expect(indexes.map((i) => i.name)).toEqual(['ix_shortlist_entries_job_role_id']);
      await handle.db.deleteFrom('shortlist_entries').execute();
      expect(await failureOf(handle.db.insertInto('shortlist_entries').values(entry('offline')).execute())).toBe('no error');
      await handle.db.deleteFrom('shortlist_entries').execute();
      expect(await failureOf(handle.db.insertInto('shortlist_entries').values(entry('guess')).execute())).toMatch(/CHECK constraint/);
      // The rebuilt table still cascades from its application.
      await handle.db.insertInto('shortlist_entries').values(entry('offline')).execute();
      await handle.db.deleteFrom('applications').where('id', '=', application).execute();
      expect(await handle.db.selectFrom('shortlist_entries').selectAll().execute()).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});

describe('T-SQL for Azure SQL', () => {
  it('sql/ holds exactly what the migrations and repository queries compile to (npm run sql:generate)', async () => {
    const files = [...(await compileMigrationsToTsql()), await compileRepositoryQueriesToTsql()];
    for (const file of files) {
      expect(readFileSync(join(__dirname, '..', '..', 'sql', file.fileName), 'utf8')).toBe(file.content);
    }
  });

  it('uses the Azure SQL types and none of the constructs T-SQL lacks', async () => {
    const [core] = await compileMigrationsToTsql();
    expect(core?.content).toMatch(/"id" uniqueidentifier not null primary key/);
    expect(core?.content).toMatch(/datetime2\(3\) default sysutcdatetime\(\)/);
    expect(core?.content).toMatch(/isjson\("requirements"\) = 1/);
    const queries = (await compileRepositoryQueriesToTsql()).content;
    expect(queries).not.toMatch(/\blimit\b|\breturning\b|on conflict/i);
    for (const table of ORIGINAL_TABLES) expect(core?.content).toContain(`create table "${table}"`);
  });
});

describe('unique keys on Azure SQL', () => {
  it('ignore NULLs as SQLite does: every unique constraint over a nullable column is replaced by a filtered index', async () => {
    const all = (await compileMigrationsToTsql()).map((f) => f.content).join('\n');
    const unfiltered: string[] = [];
    for (const [, table = '', body = ''] of all.matchAll(/create table "(\w+)" \((.*)\);?$/gm)) {
      const nullable = new Set([...body.matchAll(/(?:^|, )"(\w+)" [^,]*?(?=, |$)/g)].filter((c) => !/ not null/.test(c[0])).map((c) => c[1]));
      for (const [, name = '', columns = ''] of body.matchAll(/constraint "(\w+)" unique \(([^)]*)\)/g)) {
        const nullableKey = columns.split(',').map((c) => c.trim().replaceAll('"', '')).filter((c) => nullable.has(c));
        if (nullableKey.length === 0) continue;
        const dropped = all.includes(`alter table "${table}" drop constraint "${name}"`);
        const filtered = nullableKey.every((c) => new RegExp(`CREATE UNIQUE INDEX ${name} ON ${table} \\([^)]*\\) WHERE [^;]*${c} IS NOT NULL`).test(all));
        if (!dropped || !filtered) unfiltered.push(`${table}.${name} (${nullableKey.join(', ')})`);
      }
    }
    expect(unfiltered).toEqual([]);
  });
});

describe('row-level security T-SQL (0003) for Azure SQL', () => {
  /** Every table owned by an organisation or a candidate: each one must be filtered on Azure SQL. */
  const SCOPED_TABLES = [
    'organisations', 'org_users', 'job_roles', 'applications', 'invitations', 'interviews', 'transcript_segments',
    'score_dimensions', 'interview_scores', 'audit_log', 'candidate_profiles', 'employment_history', 'education',
    'candidate_skills', 'candidate_dei', 'practice_interviews', 'data_deletion_requests',
  ];
  const UNSCOPED_TABLES = ['users', 'rate_limit_counters', 'user_roles'];

  let script: string;
  let batches: string[];
  let policy: string;
  beforeAll(async () => {
    const file = (await compileMigrationsToTsql()).find((f) => f.fileName === '0003-row-level-security.sql');
    script = file?.content ?? '';
    batches = script.split(/^GO$/m).map((b) => b.replace(/^--.*$/gm, '').trim()).filter((b) => b.length > 0);
    policy = batches.find((b) => /^CREATE SECURITY POLICY/.test(b)) ?? '';
  });

  const clauses = (kind: 'FILTER' | 'BLOCK') =>
    [...policy.matchAll(new RegExp(`ADD ${kind} PREDICATE security\\.(\\w+)\\(([^)]*)\\) ON dbo\\.(\\w+)(?: (AFTER INSERT|AFTER UPDATE|BEFORE UPDATE|BEFORE DELETE))?`, 'g'))].map(
      ([, fn, args, table, operation]) => ({ fn: fn as string, args: args as string, table: table as string, operation }),
    );
  const functionBodies = () =>
    new Map(
      batches
        .map((b) => /^CREATE FUNCTION security\.(\w+)\(/.exec(b))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [m[1] as string, m.input]),
    );

  it('puts each CREATE in a batch of its own: the schema, every predicate function, then one policy', () => {
    expect(batches[0]).toBe('CREATE SCHEMA security;');
    for (const batch of batches) expect(batch.match(/^CREATE /gm)).toHaveLength(1);
    expect(batches.filter((b) => /^CREATE SECURITY POLICY/.test(b))).toHaveLength(1);
    expect(policy).toMatch(/^CREATE SECURITY POLICY security\.talenti_row_access\b/);
    expect(policy).toMatch(/WITH \(STATE = ON, SCHEMABINDING = ON\);$/);
  });

  it('filters every organisation- and candidate-owned table exactly once, and no other table', () => {
    const filtered = clauses('FILTER').map((c) => c.table);
    expect([...filtered].sort()).toEqual([...SCOPED_TABLES].sort());
    for (const table of UNSCOPED_TABLES) expect(policy).not.toMatch(new RegExp(`ON dbo\\.${table}\\b`));
    expect(policy).not.toMatch(/ON dbo\.kysely_/);
  });

  it('blocks writes that would put a row into another organisation or another candidate', () => {
    const blocked = (table: string) => clauses('BLOCK').filter((c) => c.table === table).map((c) => c.operation);
    for (const table of SCOPED_TABLES.filter((t) => t !== 'organisations' && t !== 'audit_log')) {
      expect({ table, operations: blocked(table) }).toEqual({ table, operations: expect.arrayContaining(['AFTER INSERT', 'AFTER UPDATE']) });
    }
    expect(blocked('audit_log')).toEqual(['AFTER INSERT']);
    // An organisation row cannot move; non-members who may read it (applicants) may not change or delete it.
    expect(blocked('organisations')).toEqual(['BEFORE UPDATE', 'BEFORE DELETE']);
    // Staff may read a candidate's profile but only the candidate writes it; DEI data is the candidate's alone.
    expect(clauses('BLOCK').filter((c) => c.table === 'candidate_profiles').map((c) => c.fn)).toEqual(Array(4).fill('fn_owner_access'));
    expect(clauses('FILTER').find((c) => c.table === 'candidate_dei')?.fn).toBe('fn_owner_access');
  });

  it('uses schema-bound inline predicate functions over the session context keys the data layer sets', () => {
    const bodies = functionBodies();
    const used = new Set([...clauses('FILTER'), ...clauses('BLOCK')].map((c) => c.fn));
    expect([...used].filter((fn) => !bodies.has(fn))).toEqual([]);
    for (const [name, body] of bodies) {
      expect({ name, body }).toEqual({ name, body: expect.stringMatching(/RETURNS TABLE\nWITH SCHEMABINDING\nAS\nRETURN\n {2}SELECT 1 AS access_granted\n/) });
      expect(body).toContain(`CAST(SESSION_CONTEXT(N'${SESSION_SCOPE_KEY}') AS nvarchar(16)) = N'system'`);
      // Never compare the sql_variant itself with a uniqueidentifier: cast the context, never the column.
      expect(body.replaceAll(`TRY_CAST(SESSION_CONTEXT(N'${SESSION_USER_KEY}') AS uniqueidentifier)`, 'CALLER')).not.toMatch(/SESSION_CONTEXT\(N'talenti_user_id'\)/);
      expect(body).not.toMatch(/\bFROM (?!dbo\.)\w+/);
    }
  });

  it('reads no table in a predicate whose own predicate leads back to it (only org_users refers to itself)', () => {
    const reads = new Map(
      [...functionBodies()].map(([name, body]) => [name, new Set([...body.matchAll(/dbo\.(\w+)/g)].map((m) => m[1] as string))]),
    );
    const filterOf = new Map(clauses('FILTER').map((c) => [c.table, c.fn]));
    // A table's filter reads these tables, which are filtered in turn. org_users reading itself is the one
    // direct recursion (detected by the optimizer); anything longer would be an indirect one.
    const readBy = (table: string) => [...(reads.get(filterOf.get(table) ?? '') ?? [])].filter((t) => !(t === table && t === 'org_users'));
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
    for (const table of SCOPED_TABLES) expect({ table, cycle: cycle([table]) }).toEqual({ table, cycle: null });
  });
});
