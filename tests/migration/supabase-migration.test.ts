import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signDevToken } from '../../shared/auth/dev-issuer';
import { startFakeSupabaseStorage } from '../support/fakes/supabase-storage';
import { api, dataDir, devIssuer, devKeys, expectProblem, openDatabase, tokenFor } from '../support/api';
import { FIXTURE, loadFixture } from './support/fixture';
import { startPostgres, type PostgresCluster } from './support/postgres';
import { dumpTables, MIGRATED_TABLES, readReport, runMigration } from './support/run-migration';

/**
 * `npm run migrate:supabase` against a real PostgreSQL server holding the Supabase-era schema and an awkward
 * fixture, into the suite's SQLite database and Azurite, and then through the API as the migrated people.
 */
jest.setTimeout(180_000);

const f = FIXTURE;
let postgres: PostgresCluster;
let work: string;
let files: string;

const suiteEnv = () => ({ DATA_DIR: dataDir(), AZURITE_BLOB_PORT: String(process.env.AZURITE_BLOB_PORT) });
const freshEnv = () => ({ DATA_DIR: mkdtempSync(join(work, 'target-')), AZURITE_BLOB_PORT: String(process.env.AZURITE_BLOB_PORT) });
const migrate = (extra: string[], env: Record<string, string>, report: string, options = {}) =>
  runMigration(['--source', postgres.url, '--files', files, '--report', report, ...extra], env, options);

beforeAll(async () => {
  postgres = await startPostgres();
  work = mkdtempSync(join(tmpdir(), 'talenti-migration-'));
  files = join(work, 'export');
  await loadFixture(postgres.url, files);
});

afterAll(() => postgres?.stop());

describe('npm run migrate:supabase', () => {
  let firstDump: Record<string, unknown[]>;
  const sourceIds = new Set<string>();

  it('copies the fixture, and the report reconciles table by table and file by file', async () => {
    const reportPath = join(work, 'first.json');
    const run = await migrate([], suiteEnv(), reportPath);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = readReport(reportPath);
    expect(report.reconciled).toBe(true);
    const table = (name: string) => report.tables.find((t) => t.table === name);
    for (const t of report.tables) {
      expect(t.verification?.source_checksum).toBe(t.verification?.target_checksum);
      expect(t.read).toBe(t.verification?.source_rows);
      expect(t.written + t.present).toBe(t.verification?.expected);
    }
    expect(table('transcript_segments')).toMatchObject({ read: f.segments + 1, written: f.segments, skipped: { 'orphan: interview_id → interviews not found': 1 } });
    expect(table('applications')?.skipped).toEqual({ 'orphan: job_role_id → job_roles not found': 1 });
    expect(table('invitations')?.skipped).toEqual({ 'orphan: application_id → applications not found': 1 });
    expect(table('org_users')?.skipped).toEqual({ 'orphan: user_id → users not found': 1 });
    expect(table('practice_interviews')?.skipped).toEqual({ 'orphan: user_id → users not found': 1 });
    expect(table('job_roles')?.notes).toEqual({ 'orphan created_by → users cleared': 1 });
    expect(table('audit_log')?.verification?.orphans).toEqual({ 'user_id → users': 1 });
    expect(table('candidate_dei')?.skipped).toEqual({
      'no candidate profile (DEI answers are kept only beside a profile)': 1,
      'erasure or anonymisation requested: DEI not kept': 1,
      'no DEI answers': 1,
    });
    expect(table('candidate_skills')?.skipped).toEqual({ 'skill_type not hard|soft': 1 });
    expect(report.files).toMatchObject({ copied: 2, missing: 1, unreferenced_in_source: 1, bytes_copied: f.cvBytes + 49 });
    expect(report.files.verification).toMatchObject({ expected: 2, verified: 2, missing_in_target: [], missing_in_source: 1 });
    expect(report.users_needing_mapping).toEqual([[f.duplicateA.id, f.duplicateB.id]]);
    expect(run.stdout).toMatch(/RECONCILED/);

    const db = openDatabase();
    try {
      const user = db.prepare('select * from users where id = ?').get(f.candidate.id);
      expect(user).toMatchObject({ issuer: 'urn:talenti:supabase-auth', subject: f.candidate.id, email: f.candidate.signInEmail, display_name: 'Zoë Ångström-Nguyễn', created_at: '2024-02-29T12:59:59.123Z' });
      expect(db.prepare('select email from users where id = ?').get(f.unconfirmed.id)).toEqual({ email: null });
      const hash = createHash('sha256').update(f.openInvitation.token).digest('hex');
      expect(db.prepare('select id, token_hash from invitations where id = ?').get(f.openInvitation.id)).toEqual({ id: f.openInvitation.id, token_hash: hash });
      expect(db.prepare('select scored_by, model_version, human_override_by from interview_scores where interview_id = ?').all(f.interview)).toEqual([{ scored_by: 'legacy-client', model_version: 'gemini-2.5-flash', human_override_by: null }]);
      expect(db.prepare('select gender, ethnicity, veteran_status from candidate_dei where user_id = ?').all(f.candidate.id)).toEqual([{ gender: 'Woman', ethnicity: 'Vietnamese-Australian', veteran_status: null }]);
      const profile = db.prepare('select cv_file_path, work_mode, first_name, last_name, country, visibility_settings from candidate_profiles where user_id = ?').get(f.candidate.id);
      expect(profile).toMatchObject({ cv_file_path: expect.stringMatching(new RegExp(`^${f.candidate.id}/cv-[0-9a-f]{24}\\.pdf$`)), work_mode: 'remote', first_name: 'Zoë', last_name: 'Ñúñez-O’Brien', country: null });
      expect(db.prepare('select cv_file_path, profile_visibility from candidate_profiles where user_id = ?').get(f.lostCv.id)).toEqual({ cv_file_path: null, profile_visibility: 'hidden' });
      expect(db.prepare('select name_key, recording_retention_days, created_by from organisations where id in (?, ?, ?) order by id').all(f.organisation, f.sameNameOrganisation, f.emptyOrganisation)).toEqual([
        { name_key: 'acme pty ltd', recording_retention_days: 45, created_by: f.recruiter.id },
        { name_key: `acme pty ltd #${f.sameNameOrganisation}`, recording_retention_days: 3650, created_by: f.recruiter.id },
        { name_key: 'ōtautahi labs 🚀', recording_retention_days: 60, created_by: null },
      ]);
      expect(db.prepare('select content, start_time_ms, end_time_ms, confidence from transcript_segments where id = ?').get('00000000-0000-4000-8000-000000002711')).toEqual({ content: 'Je suis développeuse — 我喜欢编程. #1', start_time_ms: 1000, end_time_ms: 1900, confidence: 0.9123 });
      expect(db.prepare('select start_date, end_date, is_current from employment_history where user_id = ?').get(f.candidate.id)).toEqual({ start_date: '2019-02-01', end_date: null, is_current: 1 });
    } finally {
      db.close();
    }
    // The suite's database also holds other tests' rows: compare only rows whose ids the source has.
    const client = new Client({ connectionString: postgres.url });
    await client.connect();
    const { rows } = await client.query<{ id: string }>(
      `select id::text from auth.users union all ${MIGRATED_TABLES.filter((t) => t !== 'users').map((t) => `select id::text from public.${t}`).join(' union all ')}`,
    );
    await client.end();
    for (const row of rows) sourceIds.add(row.id);
    firstDump = dumpTables(join(dataDir(), 'talenti.sqlite'), sourceIds);
  });

  it('changes nothing when run again', async () => {
    const reportPath = join(work, 'second.json');
    const run = await migrate([], suiteEnv(), reportPath);
    expect(run.code).toBe(0);
    const report = readReport(reportPath);
    expect(report.reconciled).toBe(true);
    for (const t of report.tables) expect(t.written).toBe(0);
    expect(report.files).toMatchObject({ copied: 0, present: 2 });
    expect(dumpTables(join(dataDir(), 'talenti.sqlite'), sourceIds)).toEqual(firstDump);
  });

  it('reports what it would do in a dry run and writes nothing', async () => {
    const env = freshEnv();
    const reportPath = join(work, 'dry.json');
    const run = await migrate(['--dry-run'], env, reportPath);
    expect(run.code).toBe(0);
    const report = readReport(reportPath);
    expect(report.dry_run).toBe(true);
    expect(report.tables.find((t) => t.table === 'transcript_segments')).toMatchObject({ written: f.segments });
    for (const rows of Object.values(dumpTables(join(env.DATA_DIR, 'talenti.sqlite')))) expect(rows).toEqual([]);
  });

  it('resumes a run killed half way to the same end state as an uninterrupted one', async () => {
    const env = freshEnv();
    const args = ['--batch-rows', '250', '--checkpoint', join(env.DATA_DIR, 'checkpoint.json')];
    const killed = await migrate(args, env, join(work, 'killed.json'), { killAfter: /checkpoint transcript_segments 1000\n/ });
    expect(killed.signal).toBe('SIGKILL');
    const partial = dumpTables(join(env.DATA_DIR, 'talenti.sqlite'));
    expect(partial.transcript_segments?.length).toBeGreaterThan(0);
    expect(partial.transcript_segments?.length).toBeLessThan(f.segments);

    const reportPath = join(work, 'resumed.json');
    const resumed = await migrate([...args, '--resume'], env, reportPath);
    expect(resumed.stdout).toMatch(/resuming after transcript_segments/);
    expect(resumed.code).toBe(0);
    const report = readReport(reportPath);
    expect(report.reconciled).toBe(true);
    expect(report.tables.find((t) => t.table === 'transcript_segments')?.read).toBe(f.segments + 1);
    expect(dumpTables(join(env.DATA_DIR, 'talenti.sqlite'))).toEqual(firstDump);

    // A target row that no longer matches its source (changed by hand here) fails the verification: exit 1.
    const target = new Database(join(env.DATA_DIR, 'talenti.sqlite'));
    target.prepare("update applications set status = 'hired' where id = ?").run(f.scoredApplication);
    target.close();
    const tampered = await migrate([...args, '--resume'], env, join(work, 'tampered.json'));
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/DOES NOT RECONCILE/);
    const applications = readReport(join(work, 'tampered.json')).tables.find((t) => t.table === 'applications');
    expect(applications?.verification).toMatchObject({ mismatched: 1, mismatched_ids: [f.scoredApplication], missing: 0 });
    expect(applications?.reconciled).toBe(false);
  });

  it('reads the CVs over Supabase Storage\'s REST API with the service-role key, and stops on a refused key', async () => {
    const storage = await startFakeSupabaseStorage(files, 'service-role-key');
    try {
      const env = freshEnv();
      const reportPath = join(work, 'rest.json');
      const run = await runMigration(['--source', postgres.url, '--files', storage.url, '--report', reportPath], { ...env, SUPABASE_SERVICE_ROLE_KEY: 'service-role-key' });
      expect(run.code).toBe(0);
      expect(storage.downloads).toBe(2);
      expect(readReport(reportPath)).toMatchObject({ reconciled: true, files: { present: 2, missing: 1 } });
      expect(dumpTables(join(env.DATA_DIR, 'talenti.sqlite'))).toEqual(firstDump);

      const refused = await runMigration(['--source', postgres.url, '--files', storage.url, '--report', reportPath], { ...freshEnv(), SUPABASE_SERVICE_ROLE_KEY: 'wrong' });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/Supabase Storage answered 403/);
      const unset = await runMigration(['--source', postgres.url, '--files', storage.url], { ...freshEnv(), SUPABASE_SERVICE_ROLE_KEY: '' });
      expect(unset.code).toBe(2);
      expect(unset.stderr).toMatch(/set SUPABASE_SERVICE_ROLE_KEY/);
    } finally {
      await storage.close();
    }
  });

  it('serves the migrated candidate and recruiter through the API after they sign in with their verified email', async () => {
    const candidate = await tokenFor(f.candidate.signInEmail);
    const me = await api<{ user: { id: string } }>('/api/me', { token: candidate });
    expect(me.body.user.id).toBe(f.candidate.id);
    const profile = await api<{ profile: { user_id: string; first_name: string }; employment: unknown[]; skills: unknown[] }>('/api/candidate/profile', { token: candidate });
    expect(profile.status).toBe(200);
    expect(profile.body.profile).toMatchObject({ user_id: f.candidate.id, first_name: 'Zoë' });
    expect(profile.body.employment).toHaveLength(1);
    expect(profile.body.skills).toHaveLength(2);
    const applications = await api<{ items: Array<{ id: string }> }>('/api/candidate/applications', { token: candidate });
    expect(applications.body.items.map((a) => a.id).sort()).toEqual([f.scoredApplication, f.invitedApplication].sort());
    const cv = await api<{ url: string }>('/api/candidate/cv', { token: candidate });
    expect(cv.status).toBe(200);
    const file = await fetch(cv.body.url);
    expect((await file.arrayBuffer()).byteLength).toBe(f.cvBytes);

    const recruiter = await tokenFor(f.recruiter.email);
    const roles = await api<{ items: Array<{ id: string }> }>(`/api/organisations/${f.organisation}/job-roles`, { token: recruiter });
    expect(roles.status).toBe(200);
    expect(roles.body.items.map((r) => r.id).sort()).toEqual([f.role, f.openRole].sort());
    const applicants = await api<{ items: Array<{ id: string }> }>(`/api/job-roles/${f.role}/applications`, { token: recruiter });
    expect(applicants.status).toBe(200);
    expect(applicants.body.items.map((a) => a.id).sort()).toEqual([f.scoredApplication, f.lostCvApplication].sort());
    const interview = await api<{ score: { scored_by: string } | null }>(`/api/interviews/${f.interview}`, { token: recruiter });
    expect(interview.status).toBe(200);
    expect(interview.text).toContain('legacy-client');
  });

  it('keeps invitation links already emailed working: the old plaintext token redeems', async () => {
    const redeemed = await api<{ interview: { id: string } }>('/api/invitations/redeem', { method: 'POST', json: { token: f.openInvitation.token } });
    expect(redeemed.status).toBe(200);
    expectProblem(await api('/api/invitations/redeem', { method: 'POST', json: { token: f.expiredInvitation.token } }), 410);
  });

  it('refuses to guess between migrated users sharing an email, and never links an unverified email', async () => {
    const duplicate = await tokenFor('Dup@Example.com');
    expectProblem(await api('/api/me', { token: duplicate }), 409);

    const unverified = await signDevToken(devKeys(), devIssuer(), { email: 'lost-cv@example.com', emailVerified: false });
    const me = await api<{ user: { id: string } }>('/api/me', { token: unverified });
    expect(me.status).toBe(200);
    expect(me.body.user.id).not.toBe(f.lostCv.id);
    // The unconfirmed Supabase email was never stored, so even a verified sign-in with it starts a new account.
    const unconfirmed = await api<{ user: { id: string } }>('/api/me', { token: await tokenFor(f.unconfirmed.email) });
    expect(unconfirmed.body.user.id).not.toBe(f.unconfirmed.id);
  });
});
