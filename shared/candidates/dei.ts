import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import { appendAudit } from '../db/repositories/audit-log';
import { findProfileByUser } from '../db/repositories/candidate-profiles';
import { deleteDei, findDei, insertDei, updateDei } from '../db/repositories/dei';
import { DEI_FIELDS, type CandidateDei, type CandidateDeiFields } from '../domain/candidate-dei';
import { ConflictError, NotFoundError } from '../errors';
import { optionalText } from './profile-input';
import { putIntent, staleVersion } from './replace-or-create';
import type { AuditContext } from './audit-context';

/** Every answer is optional; PUT replaces them all, so an answer left out is withdrawn. */
export const CandidateDeiInput = z
  .strictObject({
    gender: optionalText(100).optional(),
    ethnicity: optionalText(100).optional(),
    disability_status: optionalText(100).optional(),
    veteran_status: optionalText(100).optional(),
  })
  .meta({ id: 'CandidateDeiRequest' });

export type CandidateDeiInput = z.infer<typeof CandidateDeiInput>;

function sameAnswers(dei: CandidateDei, fields: CandidateDeiFields): boolean {
  return DEI_FIELDS.every((field) => dei[field] === fields[field]);
}

/** The audit row says only that the answers changed: no value, not even which question. */
async function auditDei(db: Db, caller: Caller, action: 'dei_updated' | 'dei_removed', id: string, context: AuditContext, now: Date) {
  await appendAudit(
    db,
    { user_id: caller.user.id, organisation_id: null, action, entity_type: 'candidate_dei', entity_id: id, ip_address: context.ipAddress },
    now,
  );
}

export async function readOwnDei(db: Db, caller: Caller): Promise<CandidateDei> {
  const dei = await findDei(db, caller.user.id);
  if (!dei) throw new NotFoundError('You have not given any diversity information.');
  return dei;
}

/** Creates (no If-Match) or replaces (If-Match) the caller's answers. */
export async function putOwnDei(
  db: Db,
  caller: Caller,
  ifMatchVersion: number | null,
  input: CandidateDeiInput,
  context: AuditContext,
): Promise<{ dei: CandidateDei; created: boolean }> {
  const userId = caller.user.id;
  const fields = Object.fromEntries(DEI_FIELDS.map((field) => [field, input[field] ?? null])) as CandidateDeiFields;
  const now = new Date();
  try {
    return await db.transaction().execute(async (trx) => {
      if (!(await findProfileByUser(trx, userId))) throw new ConflictError('Create your candidate profile first (PUT /api/candidate/profile).');
      const intent = putIntent(await findDei(trx, userId), ifMatchVersion, 'diversity information');
      if (intent.kind === 'create') {
        const id = randomUUID();
        await insertDei(trx, { ...fields, id, user_id: userId, created_at: now });
        await auditDei(trx, caller, 'dei_updated', id, context, now);
        return { dei: await readOwnDei(trx, caller), created: true };
      }
      const { existing } = intent;
      if (sameAnswers(existing, fields)) return { dei: existing, created: false };
      if (!(await updateDei(trx, userId, existing.version, fields))) throw staleVersion('diversity information');
      await auditDei(trx, caller, 'dei_updated', existing.id, context, now);
      return { dei: await readOwnDei(trx, caller), created: false };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw staleVersion('diversity information');
    throw error;
  }
}

export async function deleteOwnDei(db: Db, caller: Caller, context: AuditContext): Promise<void> {
  const now = new Date();
  await db.transaction().execute(async (trx) => {
    const existing = await findDei(trx, caller.user.id);
    if (!existing || !(await deleteDei(trx, caller.user.id))) throw new NotFoundError('You have not given any diversity information.');
    await auditDei(trx, caller, 'dei_removed', existing.id, context, now);
  });
}
