import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ROOT } from '../../support/processes';
import type { MigrationReport } from '../../../scripts/migrate-supabase/report';

/** Runs the compiled `npm run migrate:supabase` entry point against a data folder (SQLite file + the suite's Azurite). */
export interface MigrationRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runMigration(
  args: string[],
  env: Record<string, string>,
  options: { killAfter?: RegExp } = {},
): Promise<MigrationRun> {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'scripts', 'migrate-supabase', 'index.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (options.killAfter?.test(stdout) && child.exitCode === null) child.kill('SIGKILL');
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

export function readReport(path: string): MigrationReport {
  return JSON.parse(readFileSync(path, 'utf8')) as MigrationReport;
}

export const MIGRATED_TABLES = [
  'users', 'organisations', 'org_users', 'user_roles', 'candidate_profiles', 'employment_history', 'education',
  'candidate_skills', 'candidate_dei', 'job_roles', 'applications', 'invitations', 'interviews', 'transcript_segments',
  'score_dimensions', 'interview_scores', 'audit_log', 'practice_interviews', 'data_deletion_requests',
] as const;

/** Every row of every migrated table whose id is one of `ids` (all rows when null), in id order. */
export function dumpTables(sqlitePath: string, ids: ReadonlySet<string> | null = null): Record<string, unknown[]> {
  const db = new Database(sqlitePath, { readonly: true });
  try {
    return Object.fromEntries(
      MIGRATED_TABLES.map((table) => {
        const rows = db.prepare(`select * from ${table} order by id`).all() as Array<{ id: string }>;
        return [table, ids ? rows.filter((r) => ids.has(r.id)) : rows];
      }),
    );
  } finally {
    db.close();
  }
}
