import { sql } from 'kysely';
import type { Db } from '../database';
import type { SqlDialectName } from '../column-types';

/**
 * Counts one hit in a fixed window and returns the window's total, atomically across every instance that
 * shares the database: SQLite's upsert, or a MERGE under HOLDLOCK on Azure SQL.
 */
export async function countHit(
  db: Db,
  dialect: SqlDialectName,
  bucketKey: string,
  windowStart: number,
  expiresAt: number,
): Promise<number> {
  if (dialect === 'sqlite') {
    const row = await db
      .insertInto('rate_limit_counters')
      .values({ bucket_key: bucketKey, window_start: windowStart, hits: 1, expires_at: expiresAt })
      .onConflict((oc) =>
        oc.columns(['bucket_key', 'window_start']).doUpdateSet({ hits: (eb) => eb('rate_limit_counters.hits', '+', 1) }),
      )
      .returning('hits')
      .executeTakeFirstOrThrow();
    return row.hits;
  }
  const result = await sql<{ hits: number }>`
    merge rate_limit_counters with (holdlock) as target
    using (select ${bucketKey} as bucket_key, ${windowStart} as window_start) as source
      on target.bucket_key = source.bucket_key and target.window_start = source.window_start
    when matched then update set hits = target.hits + 1
    when not matched then insert (bucket_key, window_start, hits, expires_at)
      values (source.bucket_key, source.window_start, 1, ${expiresAt})
    output inserted.hits;`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error('rate limit counter upsert returned no row');
  return row.hits;
}

/** Removes windows that can no longer limit anything. */
export async function deleteExpiredCounters(db: Db, nowSeconds: number): Promise<number> {
  const result = await db.deleteFrom('rate_limit_counters').where('expires_at', '<', nowSeconds).executeTakeFirst();
  return Number(result.numDeletedRows);
}
