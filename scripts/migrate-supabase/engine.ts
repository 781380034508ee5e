import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { BlobServiceClient } from '@azure/storage-blob';
import type { DatabaseHandle, Db } from '../../shared/db/database';
import { DEFAULT_PAGE_ROWS, idsPerLookup, rowsPerInsert } from './batch-plan';
import { emptyStats, saveCheckpoint, type Checkpoint, type TableStats } from './checkpoint';
import { copyCv, storedSize, type CvFileSource } from './cv-files';
import type { PostgresSource } from './postgres-source';
import { RowNotes, type SourceRow } from './source-values';
import { TABLE_PLANS, type AnyTablePlan, type CvOutcome, type KeyKind, type KeySet, type MappingContext, type TargetTable } from './table-plans';

export interface MigrationDependencies {
  source: PostgresSource;
  target: DatabaseHandle;
  files: CvFileSource;
  blobs: BlobServiceClient;
  identities: MappingContext['identities'];
}

export interface MigrationOptions {
  dryRun: boolean;
  checkpointPath: string;
  checkpoint: Checkpoint;
  pageRows?: number;
  /** Told after every committed page (the CLI prints it; tests cut a run off after one). */
  onCheckpoint?: (table: TargetTable, rows: number) => void;
}

/** Parent keys already in the target (or, in a dry run, that would be): children pointing elsewhere are orphans. */
class KeySets {
  private readonly sets = new Map<string, Set<string>>();

  static async load(db: Db, plans: readonly AnyTablePlan[]): Promise<KeySets> {
    const keys = new KeySets();
    for (const plan of plans) {
      for (const column of plan.keySets) {
        const rows = await sql<{ k: string | null }>`select distinct ${sql.ref(column)} as k from ${sql.table(plan.table)}`.execute(db);
        keys.sets.set(`${plan.table}.${column}`, new Set(rows.rows.flatMap((r) => (r.k === null ? [] : [String(r.k).toLowerCase()]))));
      }
    }
    return keys;
  }

  has(key: KeySet, value: string): boolean {
    return this.sets.get(`${key.table}.${key.column}`)?.has(value.toLowerCase()) ?? false;
  }

  add(plan: AnyTablePlan, row: Record<string, unknown>): void {
    for (const column of plan.keySets) {
      const value = row[column];
      if (typeof value === 'string') this.sets.get(`${plan.table}.${column}`)?.add(value.toLowerCase());
    }
  }
}

type Evaluation = { kind: 'row'; row: Record<string, unknown>; notes: string[]; orphans: string[] } | { kind: 'skip'; reason: string; orphans: string[] };

/** The same decision for a source row in the copy and in the verification: references first, then the mapping. */
function evaluate(plan: AnyTablePlan, source: SourceRow, keys: KeySets, context: MappingContext): Evaluation {
  const row: SourceRow = { ...source };
  const notes = new RowNotes();
  const orphans: string[] = [];
  for (const reference of plan.references) {
    const value = row[reference.column];
    if (value === null || value === undefined || keys.has(reference.parent, String(value))) continue;
    if (reference.reason) return { kind: 'skip', reason: reference.reason, orphans };
    const orphan = `${reference.column} → ${reference.parent.table}`;
    orphans.push(orphan);
    if (reference.required) return { kind: 'skip', reason: `orphan: ${orphan} not found`, orphans };
    notes.add(`orphan ${orphan} cleared`);
    row[reference.column] = null;
  }
  try {
    const mapped = plan.map(row, notes, context);
    if ('skip' in mapped) return { kind: 'skip', reason: mapped.skip, orphans };
    return { kind: 'row', row: mapped.row, notes: notes.notes, orphans };
  } catch (error) {
    return { kind: 'skip', reason: `invalid: ${error instanceof Error ? error.message : String(error)}`, orphans };
  }
}

function bump(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function existingIds(db: Db, dialect: DatabaseHandle['dialect'], table: TargetTable, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks(ids, idsPerLookup(dialect))) {
    const result = await sql<{ id: string }>`select id from ${sql.table(table)} where id in (${sql.join(part)})`.execute(db);
    for (const r of result.rows) found.add(String(r.id).toLowerCase());
  }
  return found;
}

async function insertRows(db: Db, dialect: DatabaseHandle['dialect'], table: TargetTable, rows: Array<Record<string, unknown>>): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  for (const part of chunks(rows, rowsPerInsert(dialect, columns.length))) {
    const values = part.map((row) => sql`(${sql.join(columns.map((c) => row[c] ?? null))})`);
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) values ${sql.join(values)}`.execute(db);
  }
}

/** Copies the CVs of one page of profiles, before the page's transaction (no connection is held meanwhile). */
async function copyPageCvs(deps: MigrationDependencies, checkpoint: Checkpoint, rows: SourceRow[], dryRun: boolean): Promise<void> {
  for (const row of rows) {
    const id = String(row.id);
    const path = typeof row.cv_file_path === 'string' && row.cv_file_path.trim() ? row.cv_file_path : null;
    if (!path || checkpoint.cv_files[id]) continue;
    const copied = await copyCv(deps.files, deps.blobs, { userId: String(row.user_id), path }, dryRun);
    checkpoint.cv_files[id] = copied.outcome;
    checkpoint.files[copied.action] += 1;
    if (copied.action === 'copied' && copied.outcome.kind === 'stored') checkpoint.files.bytes_copied += copied.outcome.size;
  }
}

function mappingContext(deps: MigrationDependencies, erasureRequested: ReadonlySet<string>, checkpoint: Checkpoint): MappingContext {
  return { identities: deps.identities, erasureRequested, cvFiles: new Map(Object.entries(checkpoint.cv_files)) };
}

/**
 * Copies every table in foreign-key order, a page at a time: each page is one transaction that inserts the rows
 * not already there, then the checkpoint moves past it. A rerun finds every row present and writes nothing.
 */
export async function copyTables(deps: MigrationDependencies, options: MigrationOptions): Promise<Checkpoint> {
  const { checkpoint, dryRun } = options;
  const { target } = deps;
  const pageRows = options.pageRows ?? DEFAULT_PAGE_ROWS;
  const erasureRequested = await deps.source.usersWithErasureRequests();
  const keys = await target.scopes.system.run((db) => KeySets.load(db, TABLE_PLANS));
  const save = () => {
    if (!dryRun) saveCheckpoint(options.checkpointPath, checkpoint);
  };

  for (const plan of TABLE_PLANS) {
    if (checkpoint.completed.includes(plan.table)) continue;
    const stats: TableStats = (checkpoint.stats[plan.table] ??= emptyStats());
    let afterId = checkpoint.position?.table === plan.table ? checkpoint.position.after_id : null;
    for (;;) {
      const page = await deps.source.page(plan.source, afterId, pageRows);
      const last = page[page.length - 1];
      if (!last) break;
      if (plan.table === 'candidate_profiles') {
        const owned = page.filter((row) => keys.has({ table: 'users', column: 'id' }, String(row.user_id)));
        await copyPageCvs(deps, checkpoint, owned, dryRun);
      }
      const context = mappingContext(deps, erasureRequested, checkpoint);
      const rows: Array<Record<string, unknown>> = [];
      for (const source of page) {
        const result = evaluate(plan, source, keys, context);
        if (result.kind === 'skip') {
          bump(stats.skipped, result.reason);
          continue;
        }
        for (const note of result.notes) bump(stats.notes, note);
        stats.columns = Object.keys(result.row).length;
        rows.push(result.row);
      }
      // One transaction per page, in system scope (the migration writes every organisation's and candidate's rows).
      const written = await target.scopes.system.transaction(async (trx) => {
        const present = await existingIds(trx, target.dialect, plan.table, rows.map((r) => String(r.id)));
        const missing = rows.filter((r) => !present.has(String(r.id).toLowerCase()));
        if (!dryRun) await insertRows(trx, target.dialect, plan.table, missing);
        return missing.length;
      });
      stats.read += page.length;
      stats.written += written;
      stats.present += rows.length - written;
      for (const row of rows) keys.add(plan, row);
      afterId = String(last.id);
      checkpoint.position = { table: plan.table, after_id: afterId };
      save();
      options.onCheckpoint?.(plan.table, stats.read);
    }
    checkpoint.completed.push(plan.table);
    checkpoint.position = null;
    save();
  }
  checkpoint.finished = true;
  save();
  return checkpoint;
}

/** One table's reconciliation: the source's rows after the same decisions, against what the target holds. */
export interface TableVerification {
  table: TargetTable;
  source_rows: number;
  expected: number;
  found: number;
  missing: number;
  mismatched: number;
  /** Up to 20 of each, to start looking. */
  missing_ids: string[];
  mismatched_ids: string[];
  skipped: Record<string, number>;
  notes: Record<string, number>;
  orphans: Record<string, number>;
  source_checksum: string;
  target_checksum: string;
}

export interface FileVerification {
  expected: number;
  verified: number;
  missing_in_target: string[];
  missing_in_source: number;
}

function normaliseKey(value: unknown, kind: KeyKind): string {
  if (value === null || value === undefined) return '\u2205';
  switch (kind) {
    case 'time':
      return new Date(value instanceof Date ? value : String(value)).toISOString();
    case 'date':
      return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
    case 'number':
      return String(Number(value));
    case 'text':
      return String(value);
  }
}

function digest(row: Record<string, unknown>, keyColumns: Readonly<Record<string, KeyKind>>): string {
  const parts = Object.entries(keyColumns).map(([column, kind]) => normaliseKey(row[column], kind));
  return createHash('sha256').update(parts.join('\u001f')).digest('hex');
}

/** Order-free checksum: the sum of the rows' digests (first 64 bits) modulo 2^64, with the row count. */
class Checksum {
  private sum = 0n;
  private count = 0;
  add(hex: string): void {
    this.sum = (this.sum + BigInt(`0x${hex.slice(0, 16)}`)) & 0xffffffffffffffffn;
    this.count += 1;
  }
  toString(): string {
    return `${this.count}:${this.sum.toString(16).padStart(16, '0')}`;
  }
}

const MAX_LISTED_IDS = 20;

/**
 * Reads the source again, makes the same decision for every row, and compares the key columns of each row that
 * should be in the target with what is there. Rows in the target that the source never had are not counted:
 * the app may have created them.
 */
export async function verifyTables(deps: MigrationDependencies, checkpoint: Checkpoint, pageRows = DEFAULT_PAGE_ROWS): Promise<TableVerification[]> {
  const { target } = deps;
  const erasureRequested = await deps.source.usersWithErasureRequests();
  const keys = await target.scopes.system.run((db) => KeySets.load(db, TABLE_PLANS));
  const context = mappingContext(deps, erasureRequested, checkpoint);
  const results: TableVerification[] = [];
  for (const plan of TABLE_PLANS) {
    const result: TableVerification = {
      table: plan.table, source_rows: 0, expected: 0, found: 0, missing: 0, mismatched: 0, missing_ids: [], mismatched_ids: [],
      skipped: {}, notes: {}, orphans: {}, source_checksum: '', target_checksum: '',
    };
    const sourceSum = new Checksum();
    const targetSum = new Checksum();
    const columns = Object.keys(plan.keyColumns);
    let afterId: string | null = null;
    for (;;) {
      const page = await deps.source.page(plan.source, afterId, pageRows);
      const last = page[page.length - 1];
      if (!last) break;
      afterId = String(last.id);
      result.source_rows += page.length;
      const expected = new Map<string, string>();
      for (const source of page) {
        const evaluation = evaluate(plan, source, keys, context);
        for (const orphan of evaluation.orphans) bump(result.orphans, orphan);
        if (evaluation.kind === 'skip') {
          bump(result.skipped, evaluation.reason);
          continue;
        }
        for (const note of evaluation.notes) bump(result.notes, note);
        const hex = digest(evaluation.row, plan.keyColumns);
        sourceSum.add(hex);
        expected.set(String(evaluation.row.id).toLowerCase(), hex);
      }
      result.expected += expected.size;
      const stored = await target.scopes.system.run(async (db) => {
        const rows: Array<Record<string, unknown>> = [];
        for (const part of chunks([...expected.keys()], idsPerLookup(target.dialect))) {
          const found = await sql<Record<string, unknown>>`select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(plan.table)} where id in (${sql.join(part)})`.execute(db);
          rows.push(...found.rows);
        }
        return rows;
      });
      const seen = new Set<string>();
      for (const row of stored) {
        const id = String(row.id).toLowerCase();
        const hex = digest(row, plan.keyColumns);
        targetSum.add(hex);
        seen.add(id);
        if (expected.get(id) === hex) continue;
        result.mismatched += 1;
        if (result.mismatched_ids.length < MAX_LISTED_IDS) result.mismatched_ids.push(id);
      }
      result.found += stored.length;
      for (const id of expected.keys()) {
        if (seen.has(id)) continue;
        result.missing += 1;
        if (result.missing_ids.length < MAX_LISTED_IDS) result.missing_ids.push(id);
      }
    }
    result.source_checksum = sourceSum.toString();
    result.target_checksum = targetSum.toString();
    results.push(result);
  }
  return results;
}

export async function verifyFiles(deps: MigrationDependencies, cvFiles: Readonly<Record<string, CvOutcome>>): Promise<FileVerification> {
  const result: FileVerification = { expected: 0, verified: 0, missing_in_target: [], missing_in_source: 0 };
  for (const outcome of Object.values(cvFiles)) {
    if (outcome.kind === 'missing') {
      result.missing_in_source += 1;
      continue;
    }
    result.expected += 1;
    if ((await storedSize(deps.blobs, outcome.blobName)) === outcome.size) result.verified += 1;
    else if (result.missing_in_target.length < MAX_LISTED_IDS) result.missing_in_target.push(outcome.blobName);
  }
  return result;
}
