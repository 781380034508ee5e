import { createHash } from 'node:crypto';
import type { Db } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import { findIdempotencyRecord, insertIdempotencyRecord, type IdempotencyKey, type IdempotencyRecord } from '../db/repositories/idempotency';
import { UnprocessableError, ValidationError } from '../errors';

/** A key the client chose for one logical request (IETF draft "The Idempotency-Key HTTP Header Field"). */
export function idempotencyKeyFrom(header: string | null): string | null {
  if (header === null) return null;
  if (!/^[\x21-\x7e]{1,200}$/.test(header)) {
    throw new ValidationError('Idempotency-Key must be 1 to 200 visible ASCII characters, e.g. a UUID.', [
      { path: 'Idempotency-Key', message: 'not a valid idempotency key' },
    ]);
  }
  return header;
}

export interface IdempotentOutcome<T> {
  value: T;
  /** True when this is the stored answer of an earlier request with the same key. */
  replayed: boolean;
}

export interface IdempotentRequest {
  user_id: string;
  function_name: string;
  key: string | null;
  /** The validated request: a retry must send the same, or it is refused. */
  body: unknown;
  /** The status the answer is given with, stored beside it. */
  status_code: number;
}

function hashOf(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body ?? null), 'utf8').digest('hex');
}

function replay<T>(record: IdempotencyRecord, requestHash: string): IdempotentOutcome<T> {
  if (record.request_hash !== requestHash) {
    throw new UnprocessableError('This Idempotency-Key was already used for a different request; use a new key for a new request.');
  }
  return { value: JSON.parse(record.response_body ?? 'null') as T, replayed: true };
}

/**
 * Runs `work` in a transaction that also stores its answer under the caller's key, so a retried request gets the
 * first answer and its effects happen once. Two concurrent requests with one key race on the record's primary key:
 * the loser's transaction (and everything `work` wrote in it) rolls back and it replays the winner's answer.
 * Only successful answers are stored; a request that failed can be retried with the same key.
 */
export async function runIdempotently<T>(db: Db, request: IdempotentRequest, work: (trx: Db) => Promise<T>): Promise<IdempotentOutcome<T>> {
  if (request.key === null) return { value: await db.transaction().execute(work), replayed: false };
  const key: IdempotencyKey = { user_id: request.user_id, function_name: request.function_name, idempotency_key: request.key };
  const requestHash = hashOf(request.body);
  const earlier = await findIdempotencyRecord(db, key);
  if (earlier) return replay<T>(earlier, requestHash);
  try {
    const value = await db.transaction().execute(async (trx) => {
      const result = await work(trx);
      await insertIdempotencyRecord(trx, { ...key, request_hash: requestHash, status_code: request.status_code, response_body: JSON.stringify(result) }, new Date());
      return result;
    });
    return { value, replayed: false };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await findIdempotencyRecord(db, key);
    if (!winner) throw error;
    return replay<T>(winner, requestHash);
  }
}
