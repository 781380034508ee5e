import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Caller } from '../auth/caller';
import { requireOrgRole } from '../auth/authorize';
import type { Db } from '../db/database';
import { decodeCursor, PageQuery, toPage, type Page } from '../db/pagination';
import { appendAudit } from '../db/repositories/audit-log';
import {
  findOpenRequestOfType,
  insertDeletionRequest,
  listDeletionRequests,
  listDeletionRequestsForOrganisation,
  lockDeletionRequestsOf,
} from '../db/repositories/deletion-requests';
import type { DeletionRequest, DeletionRequestStatusView } from '../domain/privacy-deletion-requests';
import { DELETION_REQUEST_STATUSES, DELETION_REQUEST_TYPES } from '../domain/value-sets';
import { ConflictError } from '../errors';
import type { Logger } from '../observability/logger';
import { enqueueCommittedWork } from '../queues/enqueue';
import type { WorkQueues } from '../queues/work-queues';
import { multiLineText } from '../validation';

export const CreateDeletionRequestInput = z
  .strictObject({
    request_type: z
      .enum(DELETION_REQUEST_TYPES)
      .describe('full_deletion erases the candidate data, recording_only the recordings, anonymize the identifying fields.'),
    reason: multiLineText()
      .trim()
      .max(2000)
      .nullish()
      .transform((v) => (v ? v : null))
      .describe('Seen only by the candidate and the people who process the request.'),
  })
  .meta({ id: 'CreateDeletionRequestRequest' });
export type CreateDeletionRequestInput = z.infer<typeof CreateDeletionRequestInput>;

export const ListDeletionRequestsQuery = z.strictObject({ ...PageQuery });
export type ListDeletionRequestsQuery = z.infer<typeof ListDeletionRequestsQuery>;

export const ListOrganisationDeletionRequestsQuery = z.strictObject({
  status: z.enum(DELETION_REQUEST_STATUSES).optional(),
  ...PageQuery,
});
export type ListOrganisationDeletionRequestsQuery = z.infer<typeof ListOrganisationDeletionRequestsQuery>;

/** Inserts the request and its audit row; call it in the transaction that took the user's lock. */
async function recordRequest(
  trx: Db,
  caller: Caller,
  request: { request_type: DeletionRequest['request_type']; reason: string | null },
  context: { ipAddress: string; now: Date },
  action: 'deletion_requested' | 'account_deletion_requested',
): Promise<DeletionRequest> {
  const stored = await insertDeletionRequest(trx, { id: randomUUID(), user_id: caller.user.id, ...request, requested_at: context.now });
  await appendAudit(
    trx,
    {
      user_id: caller.user.id,
      organisation_id: null,
      action,
      entity_type: 'data_deletion_request',
      entity_id: stored.id,
      new_values: { request_type: stored.request_type },
      ip_address: context.ipAddress,
    },
    context.now,
  );
  return stored;
}

/**
 * Records the signed-in user's request (announce it after the commit). While one of the same type is pending or
 * processing a second is refused; the user's requests are created one at a time, so concurrent submissions cannot
 * both pass the check.
 */
export async function createDeletionRequest(
  db: Db,
  caller: Caller,
  input: CreateDeletionRequestInput,
  context: { ipAddress: string; now: Date },
): Promise<DeletionRequest> {
  return db.transaction().execute(async (trx) => {
    await lockDeletionRequestsOf(trx, caller.user.id);
    if (await findOpenRequestOfType(trx, caller.user.id, input.request_type)) {
      throw new ConflictError(`You already have a ${input.request_type} request in progress.`);
    }
    return recordRequest(trx, caller, input, context, 'deletion_requested');
  });
}

export const DeleteAccountInput = z
  .strictObject({
    confirm: z.literal(true).describe('Must be true: closing an account erases everything of it and cannot be undone.'),
    reason: CreateDeletionRequestInput.shape.reason,
  })
  .meta({ id: 'DeleteAccountRequest' });
export type DeleteAccountInput = z.infer<typeof DeleteAccountInput>;

/**
 * The candidate closes their account: a `full_deletion` request carried out by the same machinery as any other.
 * Asking again while it is open answers the same request (`created: false`). Members of an organisation are
 * refused: their organisation's records point at them, so they leave it (or hand it over) first.
 */
export async function requestAccountDeletion(
  db: Db,
  caller: Caller,
  input: DeleteAccountInput,
  context: { ipAddress: string; now: Date },
): Promise<{ request: DeletionRequest; created: boolean }> {
  if (caller.memberships.length > 0) {
    throw new ConflictError('You belong to an organisation: leave it, or hand it to another admin, before closing your account.');
  }
  return db.transaction().execute(async (trx) => {
    await lockDeletionRequestsOf(trx, caller.user.id);
    const open = await findOpenRequestOfType(trx, caller.user.id, 'full_deletion');
    if (open) return { request: open, created: false };
    return { request: await recordRequest(trx, caller, { request_type: 'full_deletion', reason: input.reason }, context, 'account_deletion_requested'), created: true };
  });
}

/** After the request has committed: the message that has it carried out now (the daily run catches a lost one). */
export function announceDeletionRequest(queues: WorkQueues, log: Logger, deletionRequestId: string): Promise<boolean> {
  return enqueueCommittedWork(queues, log, 'deletion-requests', { deletionRequestId });
}

/** The signed-in user's own requests, newest first. */
export async function listOwnDeletionRequests(
  db: Db,
  caller: Caller,
  query: ListDeletionRequestsQuery,
): Promise<Page<DeletionRequest>> {
  const rows = await listDeletionRequests(db, caller.user.id, decodeCursor(query.cursor), query.limit + 1);
  return toPage(rows, query.limit, (r) => ({ value: r.requested_at, id: r.id }), (r) => r);
}

/** For admins: the progress of requests by candidates who applied to the organisation, never their reasons. */
export async function listOrganisationDeletionRequests(
  db: Db,
  caller: Caller,
  organisationId: string,
  query: ListOrganisationDeletionRequestsQuery,
): Promise<Page<DeletionRequestStatusView>> {
  requireOrgRole(caller, organisationId, ['admin']);
  const { limit, cursor, ...filter } = query;
  const rows = await listDeletionRequestsForOrganisation(db, organisationId, filter, decodeCursor(cursor), limit + 1);
  return toPage(rows, limit, (r) => ({ value: r.requested_at, id: r.id }), (r) => r);
}
