import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { Client } from 'pg';
import { azuriteConnectionString } from '../../shared/config/settings';
import { openDatabase } from '../../shared/db/database';
import { migrateToLatest } from '../../shared/db/migrate';
import { startPostgres } from '../../tests/migration/support/postgres';
import { ORIGINAL_SCHEMA } from '../../tests/migration/support/original-schema';
import { rowsPerInsert } from '../migrate-supabase/batch-plan';
import { freshCheckpoint } from '../migrate-supabase/checkpoint';
import { folderCvSource } from '../migrate-supabase/cv-files';
import { copyTables, verifyTables } from '../migrate-supabase/engine';
import { PostgresSource } from '../migrate-supabase/postgres-source';
import type { BenchResult } from './index';

/**
 * `npm run migrate:supabase`'s copy, end to end from a real PostgreSQL server (a throwaway cluster) into SQLite:
 * one interview with 100,000 transcript segments, read in keyset pages, mapped, inserted in batches and
 * checkpointed, then verified. Also prints the batch plan the same rows get on Azure SQL (2,100 parameters).
 */
const SEGMENTS = 100_000;
const TARGET_MS = 60_000;

const PARENTS = `
insert into auth.users (id, email, email_confirmed_at) values ('00000000-0000-4000-8000-000000000001', 'bench@example.com', now());
insert into public.organisations (id, name) values ('00000000-0000-4000-8000-000000000002', 'Bench Org');
insert into public.job_roles (id, organisation_id, title, status) values ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000002', 'Role', 'active');
insert into public.applications (id, candidate_id, job_role_id) values ('00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000003');
insert into public.interviews (id, application_id, status) values ('00000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-000000000004', 'completed');
insert into public.transcript_segments (interview_id, speaker, content, start_time_ms, end_time_ms, confidence)
  select '00000000-0000-4000-8000-000000000005', case when i % 2 = 0 then 'ai' else 'candidate' end,
    'I led the migration of our booking platform to the cloud — segment ' || i, i * 1000, i * 1000 + 900, 0.9
  from generate_series(1, ${SEGMENTS}) as i;`;

export async function benchSupabaseMigration(): Promise<BenchResult> {
  const postgres = await startPostgres();
  const folder = mkdtempSync(join(tmpdir(), 'talenti-bench-migration-'));
  const client = new Client({ connectionString: postgres.url });
  await client.connect();
  await client.query(ORIGINAL_SCHEMA);
  await client.query(PARENTS);
  await client.end();
  const source = await PostgresSource.connect(postgres.url);
  const target = openDatabase({ provider: 'sqlite', path: join(folder, 'talenti.sqlite'), acquireTimeoutMs: 30_000 });
  try {
    await migrateToLatest(target.db, target.dialect);
    // No CVs in this data: the Blob client is never called.
    const deps = { source, target, files: folderCvSource(folder), blobs: BlobServiceClient.fromConnectionString(azuriteConnectionString(1)), identities: new Map() };
    const checkpoint = freshCheckpoint(source.fingerprint);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await copyTables(deps, { dryRun: false, checkpointPath: join(folder, 'checkpoint.json'), checkpoint });
    const copyMs = performance.now() - started;
    const verification = await verifyTables(deps, checkpoint);
    const totalMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const segments = verification.find((v) => v.table === 'transcript_segments');
    if (segments?.found !== SEGMENTS || segments.source_checksum !== segments.target_checksum) throw new Error('the benchmark copy did not reconcile');

    const notes = [
      `copy ${Math.round(copyMs)} ms (${Math.round((SEGMENTS / copyMs) * 1000)} segments/s), verify ${Math.round(totalMs - copyMs)} ms`,
      'Azure SQL batch plan (rows per INSERT within 2,000 of the 2,100 parameters, at most 1,000 rows per VALUES list):',
    ];
    for (const [table, stats] of Object.entries(checkpoint.stats)) {
      if (!stats.read) continue;
      const rows = rowsPerInsert('mssql', stats.columns);
      notes.push(`  ${table.padEnd(20)} ${String(stats.columns).padStart(3)} columns → ${String(rows).padStart(4)} rows per INSERT, ${Math.ceil(stats.written / rows)} INSERTs for ${stats.written.toLocaleString('en-AU')} rows (SQLite: ${rowsPerInsert('sqlite', stats.columns)} rows per INSERT)`);
    }
    return {
      name: `migrate:supabase, ${SEGMENTS.toLocaleString('en-AU')} transcript segments into SQLite (copy + verify)`,
      n: SEGMENTS,
      total_ms: totalMs,
      cpu_ms: (cpu.user + cpu.system) / 1000,
      ops_per_second: (SEGMENTS / totalMs) * 1000,
      target: `< ${TARGET_MS / 1000} s`,
      met: totalMs < TARGET_MS,
      notes,
    };
  } finally {
    await Promise.allSettled([source.close(), target.close()]);
    postgres.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}
