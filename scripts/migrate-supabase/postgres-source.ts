import { Client, TypeOverrides } from 'pg';
import type { SourceRow } from './source-values';

const DATE_OID = 1082;
const TIMESTAMP_OID = 1114;

/**
 * The Supabase Postgres database, read-only: pages of a query in id order (keyset, so a resumed run starts
 * exactly after the last committed id). Dates stay text (no time zone can shift them); a timestamp without
 * zone is taken as UTC; timestamptz arrives as an exact instant whatever the server's time zone.
 */
export class PostgresSource {
  private constructor(private readonly client: Client, readonly fingerprint: string) {}

  static async connect(url: string): Promise<PostgresSource> {
    const parsed = new URL(url);
    // Overrides for this client only: the process-wide parsers stay as they are.
    const types = new TypeOverrides();
    types.setTypeParser(DATE_OID, (value: string) => value);
    types.setTypeParser(TIMESTAMP_OID, (value: string) => new Date(`${value.replace(' ', 'T')}Z`));
    const client = new Client({ connectionString: url, application_name: 'talenti-migrate-supabase', types });
    await client.connect();
    // A repeatable view would pin a snapshot for hours; the source is frozen during cut-over instead (docs/migration.md).
    await client.query("set session characteristics as transaction read only; set time zone 'UTC'");
    return new PostgresSource(client, `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`);
  }

  async page(query: string, afterId: string | null, limit: number): Promise<SourceRow[]> {
    // Two shapes, so the planner sees a plain range on the primary key and walks its index.
    const result = afterId === null
      ? await this.client.query<SourceRow>(`select * from (${query}) s order by s.id limit $1`, [limit])
      : await this.client.query<SourceRow>(`select * from (${query}) s where s.id > $1::uuid order by s.id limit $2`, [afterId, limit]);
    return result.rows;
  }

  /** Users whose data an erasure or anonymisation request covers (pending, running or done). */
  async usersWithErasureRequests(): Promise<Set<string>> {
    const result = await this.client.query<{ user_id: string }>(
      `select distinct user_id from public.data_deletion_requests
        where request_type in ('full_deletion', 'anonymize') and status in ('pending', 'processing', 'completed')`,
    );
    return new Set(result.rows.map((r) => r.user_id));
  }

  /** Confirmed emails (case-insensitive) that more than one old user has: those users need a mapping entry. */
  async sharedConfirmedEmails(): Promise<Array<{ email: string; user_ids: string[] }>> {
    const result = await this.client.query<{ email: string; user_ids: string[] }>(
      `select lower(btrim(email)) as email, array_agg(id::text order by id) as user_ids from auth.users
        where email_confirmed_at is not null and btrim(coalesce(email, '')) <> ''
        group by lower(btrim(email)) having count(*) > 1 order by 1`,
    );
    return result.rows;
  }

  /** Objects in the CV bucket that no profile points at: not copied, reported. */
  async unreferencedCvObjects(): Promise<number> {
    const result = await this.client.query<{ n: string }>(
      `select count(*) as n from storage.objects o where o.bucket_id = 'candidate-cvs'
        and not exists (select 1 from public.candidate_profiles p where p.cv_file_path in (o.name, 'candidate-cvs/' || o.name))`,
    );
    return Number(result.rows[0]?.n ?? 0);
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
