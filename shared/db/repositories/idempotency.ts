import type { Db } from '../database';

export interface IdempotencyKey {
  user_id: string;
  function_name: string;
  idempotency_key: string;
}

export interface IdempotencyRecord extends IdempotencyKey {
  request_hash: string;
  status_code: number | null;
  response_body: string | null;
}

export async function findIdempotencyRecord(db: Db, key: IdempotencyKey): Promise<IdempotencyRecord | null> {
  const row = await db
    .selectFrom('idempotency_records')
    .select(['user_id', 'function_name', 'idempotency_key', 'request_hash', 'status_code', 'response_body'])
    .where('user_id', '=', key.user_id)
    .where('function_name', '=', key.function_name)
    .where('idempotency_key', '=', key.idempotency_key)
    .executeTakeFirst();
  return row ?? null;
}

/** Fails with a unique violation when the key was stored first by a concurrent request. */
export async function insertIdempotencyRecord(db: Db, record: IdempotencyRecord, now: Date): Promise<void> {
  await db.insertInto('idempotency_records').values({ ...record, created_at: now }).execute();
}

/** Forgets keys older than the cutoff: a retry that late is a new request. */
export async function deleteIdempotencyRecordsBefore(db: Db, cutoff: Date): Promise<number> {
  const result = await db.deleteFrom('idempotency_records').where('created_at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
