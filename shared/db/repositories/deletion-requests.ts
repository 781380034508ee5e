import type { Selectable, SelectQueryBuilder } from 'kysely';
import type { Db } from '../database';
import type { Database } from '../schema';
import { firstRows } from '../dialect';
import { olderThan, type CursorPosition } from '../pagination';
import type { DataDeletionRequestsTable } from '../schema';
import { readNullableTimestamp, readTimestamp } from '../values';
import type {
  DeletionRequest,
  DeletionRequestStatus,
  DeletionRequestStatusView,
  DeletionRequestType,
} from '../../domain/privacy-deletion-requests';

/** A request still to be acted on: a second one of the same type would only repeat it. */
const OPEN_STATUSES: DeletionRequestStatus[] = ['pending', 'processing'];

function toStatusView(row: Selectable<DataDeletionRequestsTable>): DeletionRequestStatusView {
  return {
    id: row.id,
    user_id: row.user_id,
    request_type: row.request_type as DeletionRequestType,
    status: row.status as DeletionRequestStatus,
    requested_at: readTimestamp(row.requested_at),
    processed_at: readNullableTimestamp(row.processed_at),
    processed_by: row.processed_by,
    notes: row.notes,
  };
}

function toDeletionRequest(row: Selectable<DataDeletionRequestsTable>): DeletionRequest {
  return { ...toStatusView(row), reason: row.reason };
}

export async function insertDeletionRequest(
  db: Db,
  request: { id: string; user_id: string; request_type: DeletionRequestType; reason: string | null; requested_at: Date },
): Promise<DeletionRequest> {
  await db.insertInto('data_deletion_requests').values(request).execute();
  const row = await db
    .selectFrom('data_deletion_requests')
    .selectAll()
    .where('id', '=', request.id)
    .where('user_id', '=', request.user_id)
    .executeTakeFirstOrThrow();
  return toDeletionRequest(row);
}

/** The user's request of this type that is still pending or processing, if any. */
export async function findOpenRequestOfType(db: Db, userId: string, requestType: DeletionRequestType): Promise<DeletionRequest | null> {
  const row = await firstRows(
    db,
    db
      .selectFrom('data_deletion_requests')
      .selectAll()
      .where('user_id', '=', userId)
      .where('request_type', '=', requestType)
      .where('status', 'in', OPEN_STATUSES),
    1,
  ).executeTakeFirst();
  return row === undefined ? null : toDeletionRequest(row);
}

/**
 * Takes the user row's write lock until the transaction ends, without changing it, so one user's requests are
 * created one after another and the one-open-request rule holds under concurrency.
 */
export async function lockDeletionRequestsOf(db: Db, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({ last_sign_in_at: eb.ref('last_sign_in_at') }))
    .where('id', '=', userId)
    .execute();
}

type RequestQuery = SelectQueryBuilder<Database, 'data_deletion_requests', Selectable<DataDeletionRequestsTable>>;

/** Newest first, `limit` rows after the cursor. */
async function pageOf(db: Db, query: RequestQuery, after: CursorPosition | null, limit: number) {
  let ordered = query.orderBy('data_deletion_requests.requested_at', 'desc').orderBy('data_deletion_requests.id', 'desc');
  if (after) {
    ordered = ordered.where(olderThan('data_deletion_requests.requested_at', 'data_deletion_requests.id', { at: new Date(String(after.value)), id: after.id }));
  }
  return firstRows(db, ordered, limit).execute();
}

/** The user's own requests. */
export async function listDeletionRequests(
  db: Db,
  userId: string,
  after: CursorPosition | null,
  limit: number,
): Promise<DeletionRequest[]> {
  const query = db.selectFrom('data_deletion_requests').selectAll().where('user_id', '=', userId);
  return (await pageOf(db, query, after, limit)).map(toDeletionRequest);
}

/** Requests of candidates who applied to any role of the organisation, without their reasons. */
export async function listDeletionRequestsForOrganisation(
  db: Db,
  organisationId: string,
  filter: { status?: DeletionRequestStatus },
  after: CursorPosition | null,
  limit: number,
): Promise<DeletionRequestStatusView[]> {
  let query = db
    .selectFrom('data_deletion_requests')
    .selectAll('data_deletion_requests')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('applications')
          .innerJoin('job_roles', 'job_roles.id', 'applications.job_role_id')
          .select('applications.id')
          .whereRef('applications.candidate_id', '=', 'data_deletion_requests.user_id')
          .where('job_roles.organisation_id', '=', organisationId),
      ),
    );
  if (filter.status !== undefined) query = query.where('data_deletion_requests.status', '=', filter.status);
  return (await pageOf(db, query, after, limit)).map(toStatusView);
}
