import { randomUUID } from 'node:crypto';
import { diffForAudit } from '../audit/audit-changes';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { appendAudit } from '../db/repositories/audit-log';
import { findProfileByUser } from '../db/repositories/candidate-profiles';
import {
  countCandidateRecords,
  deleteCandidateRecord,
  type CandidateRecordTable,
  type NewRecord,
} from '../db/repositories/candidate-records';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type { AuditContext } from './audit-context';
import { staleVersion } from './replace-or-create';

/**
 * One kind of row in a candidate's lists (employment, education, skills). Adding, changing and removing work the
 * same for every kind: only the candidate's own rows, an If-Match version on changes, an audit row per write.
 */
export interface RecordKind<R extends { id: string; version: number }, F extends object> {
  /** Names the audit actions (`employment_added`) and messages. */
  name: 'employment' | 'education' | 'skill';
  table: CandidateRecordTable;
  entityType: string;
  /** Keeps the lists (returned whole with the profile) bounded. */
  maxPerCandidate: number;
  /** Recorded in the audit log only as "(changed)". */
  personalFields: ReadonlyArray<keyof F>;
  fieldsOf(record: R): F;
  find(db: Db, userId: string, id: string): Promise<R | null>;
  insert(db: Db, row: NewRecord & F): Promise<void>;
  update(db: Db, userId: string, id: string, version: number, changes: Partial<F>): Promise<boolean>;
  /** Rules across fields or rows, on the record as it would be stored; `id` is null for a new one. */
  check(db: Db, userId: string, fields: F, id: string | null): Promise<void>;
}

/** Start and end dates: an end is not before the start, and a current one has no end. */
export function checkDates(fields: { start_date: string | null; end_date: string | null; is_current: boolean }): void {
  if (fields.is_current && fields.end_date !== null) {
    throw new ValidationError('A current entry has no end date.', [{ path: 'end_date', message: 'must be empty when is_current is true' }]);
  }
  if (fields.start_date !== null && fields.end_date !== null && fields.end_date < fields.start_date) {
    throw new ValidationError('The end date is before the start date.', [{ path: 'end_date', message: 'must not be before start_date' }]);
  }
}

async function requireProfile(db: Db, userId: string): Promise<void> {
  if (!(await findProfileByUser(db, userId))) {
    throw new ConflictError('Create your candidate profile first (PUT /api/candidate/profile).');
  }
}

async function reread<R extends { id: string; version: number }, F extends object>(kind: RecordKind<R, F>, db: Db, userId: string, id: string): Promise<R> {
  const record = await kind.find(db, userId, id);
  if (!record) throw new NotFoundError(`No such ${kind.name} entry.`);
  return record;
}

export async function addRecord<R extends { id: string; version: number }, F extends object>(
  kind: RecordKind<R, F>,
  db: Db,
  caller: Caller,
  fields: F,
  context: AuditContext,
): Promise<R> {
  const userId = caller.user.id;
  const now = new Date();
  return db.transaction().execute(async (trx) => {
    await requireProfile(trx, userId);
    if ((await countCandidateRecords(trx, kind.table, userId)) >= kind.maxPerCandidate) {
      throw new ConflictError(`A profile holds at most ${kind.maxPerCandidate} ${kind.name} entries; remove one first.`);
    }
    await kind.check(trx, userId, fields, null);
    const id = randomUUID();
    await kind.insert(trx, { ...fields, id, user_id: userId, created_at: now });
    await appendAudit(
      trx,
      {
        user_id: userId,
        organisation_id: null,
        action: `${kind.name}_added`,
        entity_type: kind.entityType,
        entity_id: id,
        new_values: diffForAudit({} as F, fields, kind.personalFields)?.new_values ?? null,
        ip_address: context.ipAddress,
      },
      now,
    );
    return reread(kind, trx, userId, id);
  });
}

/** Changes the fields sent if the row is still at `version`; a change that changes nothing writes nothing. */
export async function updateRecord<R extends { id: string; version: number }, F extends object>(
  kind: RecordKind<R, F>,
  db: Db,
  caller: Caller,
  id: string,
  version: number,
  changes: Partial<F>,
  context: AuditContext,
): Promise<R> {
  const userId = caller.user.id;
  const now = new Date();
  return db.transaction().execute(async (trx) => {
    const before = await reread(kind, trx, userId, id);
    if (before.version !== version) throw staleVersion(`${kind.name} entry`);
    const current = kind.fieldsOf(before);
    const diff = diffForAudit(current, changes, kind.personalFields);
    if (!diff) return before;
    await kind.check(trx, userId, { ...current, ...changes }, id);
    if (!(await kind.update(trx, userId, id, version, changes))) throw staleVersion(`${kind.name} entry`);
    await appendAudit(
      trx,
      {
        user_id: userId,
        organisation_id: null,
        action: `${kind.name}_updated`,
        entity_type: kind.entityType,
        entity_id: id,
        old_values: diff.old_values,
        new_values: diff.new_values,
        ip_address: context.ipAddress,
      },
      now,
    );
    return reread(kind, trx, userId, id);
  });
}

export async function removeRecord<R extends { id: string; version: number }, F extends object>(
  kind: RecordKind<R, F>,
  db: Db,
  caller: Caller,
  id: string,
  context: AuditContext,
): Promise<void> {
  const userId = caller.user.id;
  const now = new Date();
  await db.transaction().execute(async (trx) => {
    if (!(await deleteCandidateRecord(trx, kind.table, userId, id))) throw new NotFoundError(`No such ${kind.name} entry.`);
    await appendAudit(
      trx,
      { user_id: userId, organisation_id: null, action: `${kind.name}_removed`, entity_type: kind.entityType, entity_id: id, ip_address: context.ipAddress },
      now,
    );
  });
}
