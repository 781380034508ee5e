import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Checkpoint, TableStats } from './checkpoint';
import { emptyStats } from './checkpoint';
import type { FileVerification, TableVerification } from './engine';
import { rowsPerInsert } from './batch-plan';
import type { TargetTable } from './table-plans';

export interface TableReport extends TableStats {
  table: TargetTable;
  /** Rows per INSERT statement on each engine, from the columns a row binds. */
  rows_per_insert: { sqlite: number; mssql: number };
  verification: TableVerification | null;
  reconciled: boolean;
}

export interface MigrationReport {
  dry_run: boolean;
  source: string;
  files_source: string;
  started_at: string;
  finished_at: string;
  reconciled: boolean;
  tables: TableReport[];
  files: Checkpoint['files'] & { unreferenced_in_source: number; verification: FileVerification | null };
  /** Old users whose confirmed email others share: none can be linked by email, each needs a mapping entry. */
  users_needing_mapping: string[][];
}

function tableReconciled(v: TableVerification | null): boolean {
  return v !== null && v.missing === 0 && v.mismatched === 0 && v.found === v.expected && v.source_checksum === v.target_checksum;
}

export function buildReport(input: {
  dryRun: boolean;
  source: string;
  filesSource: string;
  checkpoint: Checkpoint;
  tables: readonly TargetTable[];
  verification: TableVerification[] | null;
  files: FileVerification | null;
  unreferencedCvObjects: number;
  sharedEmails: Array<{ user_ids: string[] }>;
}): MigrationReport {
  const tables = input.tables.map((table): TableReport => {
    const verification = input.verification?.find((v) => v.table === table) ?? null;
    const stats = input.checkpoint.stats[table] ?? emptyStats();
    const rows_per_insert = { sqlite: rowsPerInsert('sqlite', stats.columns), mssql: rowsPerInsert('mssql', stats.columns) };
    return { table, ...stats, rows_per_insert, verification, reconciled: tableReconciled(verification) };
  });
  const filesReconciled = input.files !== null && input.files.missing_in_target.length === 0 && input.files.verified === input.files.expected;
  return {
    dry_run: input.dryRun,
    source: input.source,
    files_source: input.filesSource,
    started_at: input.checkpoint.started_at,
    finished_at: new Date().toISOString(),
    reconciled: !input.dryRun && filesReconciled && tables.every((t) => t.reconciled),
    tables,
    files: { ...input.checkpoint.files, unreferenced_in_source: input.unreferencedCvObjects, verification: input.files },
    users_needing_mapping: input.sharedEmails.map((s) => s.user_ids),
  };
}

export function writeReport(path: string, report: MigrationReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}

const pad = (value: string | number, width: number) => String(value).padStart(width);

function reasons(counts: Record<string, number>): string {
  return Object.entries(counts).map(([reason, n]) => `${n}× ${reason}`).join('; ');
}

/** The operator's summary; the JSON report has every detail. */
export function formatReport(report: MigrationReport): string {
  const lines = [
    `${report.dry_run ? 'DRY RUN (nothing written)' : 'Migration'} from ${report.source}, files from ${report.files_source}`,
    `${'table'.padEnd(24)}${pad('read', 9)}${pad('written', 9)}${pad('present', 9)}${pad('skipped', 9)}${pad('target', 9)}  checksum source / target`,
  ];
  for (const t of report.tables) {
    const skipped = Object.values(t.skipped).reduce((a, b) => a + b, 0);
    const v = t.verification;
    const status = report.dry_run ? '' : t.reconciled ? '  ok' : '  DOES NOT RECONCILE';
    lines.push(
      `${t.table.padEnd(24)}${pad(t.read, 9)}${pad(t.written, 9)}${pad(t.present, 9)}${pad(skipped, 9)}${pad(v ? `${v.found}/${v.expected}` : '-', 9)}  ${v ? `${v.source_checksum} / ${v.target_checksum}` : '-'}${status}`,
    );
    if (skipped) lines.push(`    skipped: ${reasons(t.skipped)}`);
    if (v && Object.keys(v.orphans).length) lines.push(`    orphans in the source: ${reasons(v.orphans)}`);
    if (Object.keys(t.notes).length) lines.push(`    adjusted: ${reasons(t.notes)}`);
    if (v?.missing) lines.push(`    missing in the target: ${v.missing} (e.g. ${v.missing_ids.slice(0, 3).join(', ')})`);
    if (v?.mismatched) lines.push(`    differing in the target: ${v.mismatched} (e.g. ${v.mismatched_ids.slice(0, 3).join(', ')})`);
  }
  const f = report.files;
  lines.push(
    `CV files: ${f.copied} copied (${(f.bytes_copied / 1024 / 1024).toFixed(1)} MB), ${f.present} already present, ${f.missing} missing in the source, ${f.unreferenced_in_source} in the bucket but not referenced (not copied)`,
  );
  if (f.verification) lines.push(`CV files in the target: ${f.verification.verified}/${f.verification.expected} verified${f.verification.missing_in_target.length ? `; missing: ${f.verification.missing_in_target.join(', ')}` : ''}`);
  if (report.users_needing_mapping.length) {
    lines.push(`Users sharing a confirmed email (add them to the mapping file): ${report.users_needing_mapping.map((ids) => ids.join(' + ')).join('; ')}`);
  }
  lines.push(report.dry_run ? 'Dry run: nothing was written.' : report.reconciled ? 'RECONCILED' : 'DOES NOT RECONCILE');
  return lines.join('\n');
}
