import { sql } from 'kysely';
import type { Db } from '../database';
import type { SqlDialectName } from '../column-types';

/**
 * Adds each bucket's hits to its fixed window and returns each window's total, in one statement (one round trip
 * for all of a request's limits, or for all of an instance's pending hits), atomically across every instance that
 * shares the database: SQLite's upsert, or a MERGE under HOLDLOCK on Azure SQL.
 */
export async function countHits(db: Db, dialect: SqlDialectName, increments: ReadonlyMap<string, number>, windowStart: number, expiresAt: number): Promise<Map<string, number>> {
  if (increments.size === 0) return new Map();
  const buckets = [...increments];
  if (dialect === 'sqlite') {
    const rows = await db
      .insertInto('rate_limit_counters')
      .values(buckets.map(([bucket_key, hits]) => ({ bucket_key, window_start: windowStart, hits, expires_at: expiresAt })))
      .onConflict((oc) =>
        oc.columns(['bucket_key', 'window_start']).doUpdateSet({ hits: (eb) => eb('rate_limit_counters.hits', '+', eb.ref('excluded.hits')) }),
      )
      .returning(['bucket_key', 'hits'])
      .execute();
    return new Map(rows.map((r) => [r.bucket_key, r.hits]));
  }
  const sources = sql.join(buckets.map(([key, hits]) => sql`(${key}, ${windowStart}, ${hits})`));
  const result = await sql<{ bucket_key: string; hits: number }>`
    merge rate_limit_counters with (holdlock) as target
    using (values ${sources}) as source (bucket_key, window_start, hits)
      on target.bucket_key = source.bucket_key and target.window_start = source.window_start
    when matched then update set hits = target.hits + source.hits
    when not matched then insert (bucket_key, window_start, hits, expires_at)
      values (source.bucket_key, source.window_start, source.hits, ${expiresAt})
    output inserted.bucket_key, inserted.hits;`.execute(db);
  if (result.rows.length !== buckets.length) throw new Error('rate limit counter upsert returned too few rows');
  return new Map(result.rows.map((r) => [r.bucket_key, r.hits]));
}

/** Removes windows that can no longer limit anything. */
export async function deleteExpiredCounters(db: Db, nowSeconds: number): Promise<number> {
  const result = await db.deleteFrom('rate_limit_counters').where('expires_at', '<', nowSeconds).executeTakeFirst();
  return Number(result.numDeletedRows);
}
