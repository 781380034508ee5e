import { applyLocalSettingsFile, settingsFromEnvironment } from '../../shared/config/environment';
import { supabaseServiceRoleKeyFromEnvironment } from '../../shared/config/migration-settings';
import { ConfigError } from '../../shared/config/settings';
import { openDatabase } from '../../shared/db/database';
import { migrateToLatest } from '../../shared/db/migrate';
import { createBlobStorage } from '../../shared/storage/blob-storage';
import { freshCheckpoint, loadCheckpoint } from './checkpoint';
import { folderCvSource, supabaseStorageCvSource, type CvFileSource } from './cv-files';
import { copyTables, verifyFiles, verifyTables, type MigrationDependencies } from './engine';
import { parseArguments, readMappingFile, UsageError } from './options';
import { PostgresSource } from './postgres-source';
import { buildReport, formatReport, writeReport } from './report';
import { TABLE_PLANS, type TargetTable } from './table-plans';

/**
 * `npm run migrate:supabase`: copies the Supabase project's data (Postgres and the CV bucket) into the configured
 * database and Blob storage, then verifies both sides. Exit status 0 only when everything reconciles; 1 when
 * something does not; 2 when the command itself is wrong. The runbook is docs/migration.md.
 */
const TABLES: readonly TargetTable[] = TABLE_PLANS.map((p) => p.table);
const isTable = (name: string): name is TargetTable => TABLES.some((t) => t === name);

function cvSource(files: string): CvFileSource {
  if (!/^https?:\/\//.test(files)) return folderCvSource(files);
  const key = supabaseServiceRoleKeyFromEnvironment();
  if (!key) throw new UsageError('--files is a Supabase URL: set SUPABASE_SERVICE_ROLE_KEY to the project\'s service-role key.');
  return supabaseStorageCvSource(files, key);
}

async function main(): Promise<number> {
  applyLocalSettingsFile();
  const settings = settingsFromEnvironment();
  const args = parseArguments(process.argv.slice(2), settings.dataDir);
  const identities = readMappingFile(args.mapping);
  const files = cvSource(args.files);
  const source = await PostgresSource.connect(args.source);
  const target = openDatabase(settings.database);
  try {
    await migrateToLatest(target.db, target.dialect);
    const storage = createBlobStorage(settings.storage);
    if (!args.dryRun) await storage.ensureContainers();
    const deps: MigrationDependencies = { source, target, files, blobs: storage.client, identities };

    const previous = args.resume ? loadCheckpoint(args.checkpoint, isTable) : null;
    if (previous && previous.source !== source.fingerprint) {
      throw new UsageError(`the checkpoint ${args.checkpoint} belongs to another source (${previous.source}); remove it or drop --resume`);
    }
    if (previous) console.log(`resuming ${previous.finished ? 'a finished run (verifying only)' : `after ${previous.position?.table ?? previous.completed.at(-1) ?? 'the start'}`}`);
    const checkpoint = previous ?? freshCheckpoint(source.fingerprint);
    await copyTables(deps, {
      dryRun: args.dryRun,
      checkpointPath: args.checkpoint,
      checkpoint,
      pageRows: args.batchRows,
      onCheckpoint: (table, rows) => console.log(`checkpoint ${table} ${rows}`),
    });
    const report = buildReport({
      dryRun: args.dryRun,
      source: source.fingerprint,
      filesSource: files.describe,
      checkpoint,
      tables: TABLES,
      verification: args.dryRun ? null : await verifyTables(deps, checkpoint, args.batchRows),
      files: args.dryRun ? null : await verifyFiles(deps, checkpoint.cv_files),
      unreferencedCvObjects: await source.unreferencedCvObjects(),
      sharedEmails: await source.sharedConfirmedEmails(),
    });
    writeReport(args.report, report);
    console.log(formatReport(report));
    console.log(`report ${args.report}`);
    return args.dryRun || report.reconciled ? 0 : 1;
  } finally {
    await Promise.allSettled([source.close(), target.close()]);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const usage = error instanceof UsageError || error instanceof ConfigError;
    console.error(usage ? error.message : error instanceof Error ? `Migration failed: ${error.stack ?? error.message}` : error);
    process.exit(usage ? 2 : 1);
  },
);
