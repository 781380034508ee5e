import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { CvOutcome, TargetTable } from './table-plans';

/** Counts of one table across every run of one migration (a resumed run adds to them). */
export interface TableStats {
  read: number;
  written: number;
  /** Already in the target: an earlier run (or the run that was cut off) wrote them. */
  present: number;
  skipped: Record<string, number>;
  notes: Record<string, number>;
  /** Columns one target row binds: with the dialect it sets the rows per INSERT (batch-plan.ts). */
  columns: number;
}

export interface FileStats {
  copied: number;
  present: number;
  missing: number;
  bytes_copied: number;
}

export interface Checkpoint {
  source: string;
  started_at: string;
  finished: boolean;
  completed: TargetTable[];
  /** The table being copied and the last id committed in it. */
  position: { table: TargetTable; after_id: string } | null;
  stats: Partial<Record<TargetTable, TableStats>>;
  files: FileStats;
  /** Candidate profile id → its CV's outcome, so a resumed run and the verification need not download it again. */
  cv_files: Record<string, CvOutcome>;
}

const countsSchema = z.record(z.string(), z.number().int().nonnegative());
const checkpointSchema = z.object({
  source: z.string(),
  started_at: z.string(),
  finished: z.boolean(),
  completed: z.array(z.string()),
  position: z.object({ table: z.string(), after_id: z.uuid() }).nullable(),
  stats: z.record(z.string(), z.object({ read: z.number(), written: z.number(), present: z.number(), skipped: countsSchema, notes: countsSchema, columns: z.number() })),
  files: z.object({ copied: z.number(), present: z.number(), missing: z.number(), bytes_copied: z.number() }),
  cv_files: z.record(
    z.string(),
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('stored'), blobName: z.string(), size: z.number(), sha256: z.string() }),
      z.object({ kind: z.literal('missing'), path: z.string() }),
    ]),
  ),
});

export function emptyStats(): TableStats {
  return { read: 0, written: 0, present: 0, skipped: {}, notes: {}, columns: 0 };
}

export function freshCheckpoint(source: string, now = new Date()): Checkpoint {
  return {
    source,
    started_at: now.toISOString(),
    finished: false,
    completed: [],
    position: null,
    stats: {},
    files: { copied: 0, present: 0, missing: 0, bytes_copied: 0 },
    cv_files: {},
  };
}

export function loadCheckpoint(path: string, isTable: (name: string) => name is TargetTable): Checkpoint | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null;
    throw error;
  }
  const parsed = checkpointSchema.parse(JSON.parse(text));
  const tables = (names: string[]) => names.filter(isTable);
  const position = parsed.position && isTable(parsed.position.table) ? { table: parsed.position.table, after_id: parsed.position.after_id } : null;
  const stats: Checkpoint['stats'] = {};
  for (const [name, value] of Object.entries(parsed.stats)) if (isTable(name)) stats[name] = value;
  return { ...parsed, completed: tables(parsed.completed), position, stats };
}

/** Written to a temporary file and renamed: a run killed mid-write leaves the previous checkpoint intact. */
export function saveCheckpoint(path: string, checkpoint: Checkpoint): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, JSON.stringify(checkpoint));
  renameSync(temporary, path);
}
