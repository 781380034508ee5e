import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** `npm run migrate:supabase -- --source <postgres url> --files <folder | https://<project>.supabase.co> [...]` */
export interface MigrationArguments {
  source: string;
  files: string;
  dryRun: boolean;
  resume: boolean;
  mapping: string | null;
  checkpoint: string;
  report: string;
  batchRows: number;
}

export class UsageError extends Error {}

export const USAGE = `usage: npm run migrate:supabase -- --source <postgres url> --files <exported folder | https://<project>.supabase.co>
         [--dry-run] [--resume] [--mapping <file.json>] [--checkpoint <file>] [--report <file>] [--batch-rows <n>]
  --files https://...   reads the candidate-cvs bucket over Storage's REST API with SUPABASE_SERVICE_ROLE_KEY
  --mapping             a JSON array of {"user_id","issuer","subject"} linking old users to Entra identities
  the Postgres password may come from PGPASSWORD instead of the URL`;

const FLAGS = new Set(['--dry-run', '--resume']);
const VALUED = new Set(['--source', '--files', '--mapping', '--checkpoint', '--report', '--batch-rows']);

const argumentsSchema = z.object({
  source: z.string({ error: '--source is required' }).regex(/^postgres(ql)?:\/\//, '--source must be a postgres:// URL'),
  files: z.string({ error: '--files is required' }).min(1),
  mapping: z.string().min(1).nullable(),
  checkpoint: z.string().min(1),
  report: z.string().min(1),
  batchRows: z.coerce.number().int().min(1).max(100_000),
});

export function parseArguments(argv: readonly string[], dataDir: string): MigrationArguments {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i] ?? '';
    if (FLAGS.has(name)) flags.add(name);
    else if (VALUED.has(name) && argv[i + 1] !== undefined) values.set(name, argv[++i] ?? '');
    else throw new UsageError(`unknown or incomplete argument ${name}\n${USAGE}`);
  }
  const folder = join(dataDir, 'migrate-supabase');
  const parsed = argumentsSchema.safeParse({
    source: values.get('--source'),
    files: values.get('--files'),
    mapping: values.get('--mapping') ?? null,
    checkpoint: values.get('--checkpoint') ?? join(folder, 'checkpoint.json'),
    report: values.get('--report') ?? join(folder, 'report.json'),
    batchRows: values.get('--batch-rows') ?? 2000,
  });
  if (!parsed.success) throw new UsageError(`${parsed.error.issues.map((i) => i.message).join('; ')}\n${USAGE}`);
  return { ...parsed.data, dryRun: flags.has('--dry-run'), resume: flags.has('--resume') };
}

const mappingSchema = z
  .array(z.strictObject({ user_id: z.uuid(), issuer: z.url().max(256), subject: z.string().trim().min(1).max(256) }))
  .superRefine((entries, ctx) => {
    const users = new Set<string>();
    const identities = new Set<string>();
    for (const [index, entry] of entries.entries()) {
      const identity = `${entry.issuer} ${entry.subject}`;
      if (users.has(entry.user_id.toLowerCase())) ctx.addIssue({ code: 'custom', path: [index, 'user_id'], message: 'listed twice' });
      if (identities.has(identity)) ctx.addIssue({ code: 'custom', path: [index, 'subject'], message: 'identity given to two users' });
      users.add(entry.user_id.toLowerCase());
      identities.add(identity);
    }
  });

/** The operator's mapping of old user ids to Entra identities (issuer + object id), checked before anything runs. */
export function readMappingFile(path: string | null): Map<string, { issuer: string; subject: string }> {
  if (!path) return new Map();
  const parsed = mappingSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new UsageError(`mapping file ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return new Map(parsed.data.map((e) => [e.user_id.toLowerCase(), { issuer: e.issuer, subject: e.subject }]));
}
