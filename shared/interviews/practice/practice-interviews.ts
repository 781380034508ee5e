import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Caller } from '../../auth/caller';
import type { Db } from '../../db/database';
import { decodeCursor, PageQuery, toPage, type Page } from '../../db/pagination';
import { appendAudit } from '../../db/repositories/audit-log';
import { insertPracticeInterview, listPracticeInterviews } from '../../db/repositories/practice-interviews';
import type { PracticeInterview } from '../../domain/privacy-practice-interviews';
import { singleLineText } from '../../validation';

export const CreatePracticeInterviewInput = z
  .strictObject({
    sample_role_type: singleLineText().trim().min(1).max(100).describe('The kind of role to practise for, e.g. software_engineer.'),
  })
  .meta({ id: 'CreatePracticeInterviewRequest' });
export type CreatePracticeInterviewInput = z.infer<typeof CreatePracticeInterviewInput>;

export const ListPracticeInterviewsQuery = z.strictObject({ ...PageQuery });
export type ListPracticeInterviewsQuery = z.infer<typeof ListPracticeInterviewsQuery>;

/** Starts a practice interview for the signed-in user; it belongs to no organisation. */
export async function createPracticeInterview(
  db: Db,
  caller: Caller,
  input: CreatePracticeInterviewInput,
  context: { ipAddress: string },
): Promise<PracticeInterview> {
  const now = new Date();
  return db.transaction().execute(async (trx) => {
    const practice = await insertPracticeInterview(trx, {
      id: randomUUID(),
      user_id: caller.user.id,
      sample_role_type: input.sample_role_type,
      created_at: now,
    });
    await appendAudit(
      trx,
      {
        user_id: caller.user.id,
        organisation_id: null,
        action: 'practice_interview_created',
        entity_type: 'practice_interview',
        entity_id: practice.id,
        new_values: { sample_role_type: practice.sample_role_type },
        ip_address: context.ipAddress,
      },
      now,
    );
    return practice;
  });
}

/** The signed-in user's own practice interviews, newest first. */
export async function listOwnPracticeInterviews(
  db: Db,
  caller: Caller,
  query: ListPracticeInterviewsQuery,
): Promise<Page<PracticeInterview>> {
  const rows = await listPracticeInterviews(db, caller.user.id, decodeCursor(query.cursor), query.limit + 1);
  return toPage(rows, query.limit, (p) => ({ value: p.created_at, id: p.id }), (p) => p);
}
