import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../../shared/db/database';
import { migrateToLatest } from '../../shared/db/migrate';
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

function freshDatabase(): DatabaseHandle {
  return openDatabase({ provider: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'talenti-migrate-')), 'db.sqlite') });
}

async function tables(handle: DatabaseHandle): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(handle.db);
  return rows.map((r) => r.name);
}

describe('migrations on SQLite', () => {
  let handle: DatabaseHandle;
  beforeEach(() => (handle = freshDatabase()));
  afterEach(() => handle.close());

  it('create all 18 original tables plus users and rate_limit_counters on an empty database', async () => {
    const { applied } = await migrateToLatest(handle.db, 'sqlite');
    expect(applied).toEqual(['0001-core-schema', '0002-versions-and-overrides']);
    expect(await tables(handle)).toEqual([...ORIGINAL_TABLES, 'users', 'rate_limit_counters'].sort());
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
