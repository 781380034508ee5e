import type { Db } from '../database';
import { firstRows } from '../dialect';
import { readTimestamp } from '../values';
import type { DeletionRequestType } from '../../domain/privacy-deletion-requests';
import { CLOSED_APPLICATION_STATUSES } from '../../domain/value-sets';

/**
 * Takes or renews the named lease for `holder` until `expiresAt`. True when the caller now holds it: nobody held
 * it, it had run out, or the caller already held it.
 */
export async function acquireLease(db: Db, lease: { name: string; holder: string; now: Date; expiresAt: Date }): Promise<boolean> {
  const taken = await db
    .updateTable('job_leases')
    .set({ holder: lease.holder, expires_at: lease.expiresAt })
    .where('name', '=', lease.name)
    .where((eb) => eb.or([eb('expires_at', '<', lease.now), eb('holder', '=', lease.holder)]))
    .executeTakeFirst();
  if (Number(taken.numUpdatedRows) > 0) return true;
  try {
    await db.insertInto('job_leases').values({ name: lease.name, holder: lease.holder, expires_at: lease.expiresAt }).execute();
    return true;
  } catch (error) {
    // Another instance inserted it first (primary key): it holds the lease.
    const holder = await db.selectFrom('job_leases').select('holder').where('name', '=', lease.name).executeTakeFirst();
    if (holder !== undefined) return false;
    throw error;
  }
}

export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db.deleteFrom('job_leases').where('name', '=', name).where('holder', '=', holder).execute();
}

export interface OrganisationRetention {
  id: string;
  recording_retention_days: number;
  transcript_retention_days: number;
}

export async function listOrganisationRetention(db: Db, organisationId: string | null): Promise<OrganisationRetention[]> {
  let query = db.selectFrom('organisations').select(['id', 'recording_retention_days', 'transcript_retention_days']).orderBy('id');
  if (organisationId !== null) query = query.where('id', '=', organisationId);
  return query.execute();
}

/** Interviews of the organisation that ended before `cutoff` and whose recordings are not yet gone, oldest first. */
export async function listInterviewsWithRecordingsBefore(db: Db, organisationId: string, cutoff: Date, limit: number): Promise<string[]> {
  const rows = await firstRows(
    db,
    db
      .selectFrom('interviews')
      .innerJoin('applications', 'applications.id', 'interviews.application_id')
      .innerJoin('job_roles', 'job_roles.id', 'applications.job_role_id')
      .select('interviews.id')
      .where('job_roles.organisation_id', '=', organisationId)
      .where('interviews.recording_deleted_at', 'is', null)
      .where('interviews.ended_at', '<', cutoff)
      .orderBy('interviews.ended_at')
      .orderBy('interviews.id'),
    limit,
  ).execute();
  return rows.map((r) => r.id);
}

export async function markRecordingsDeleted(db: Db, interviewIds: string[], now: Date): Promise<void> {
  if (interviewIds.length === 0) return;
  await db
    .updateTable('interviews')
    .set({ recording_url: null, recording_deleted_at: now })
    .where('id', 'in', interviewIds)
    .where('recording_deleted_at', 'is', null)
    .execute();
}

/**
 * Transcripts of the organisation's interviews that ended before `cutoff`: deleted in one statement each, so a
 * second run finds nothing left to delete. Scores keep their numbers; their written rationale is cleared.
 */
export async function deleteTranscriptsBefore(db: Db, organisationId: string, cutoff: Date): Promise<number> {
  const interviewIds = db
    .selectFrom('interviews')
    .innerJoin('applications', 'applications.id', 'interviews.application_id')
    .innerJoin('job_roles', 'job_roles.id', 'applications.job_role_id')
    .select('interviews.id')
    .where('job_roles.organisation_id', '=', organisationId)
    .where('interviews.ended_at', '<', cutoff);
  const deleted = await db.deleteFrom('transcript_segments').where('interview_id', 'in', interviewIds).executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

export interface OpenDeletionRequest {
  id: string;
  user_id: string;
  request_type: DeletionRequestType;
  requested_at: string;
}

/**
 * Requests still to be carried out: pending, left processing by a crashed run, or failed (retried until done, as the
 * 30-day promise asks), oldest first. `after` continues past the last request a run has already tried.
 */
const UNFINISHED_STATUSES = ['pending', 'processing', 'failed'];

export async function listOpenDeletionRequests(
  db: Db,
  filter: { organisationId: string | null; userId: string | null },
  limit: number,
  after: { requestedAt: Date; id: string } | null = null,
): Promise<OpenDeletionRequest[]> {
  let query = db
    .selectFrom('data_deletion_requests')
    .select(['id', 'user_id', 'request_type', 'requested_at'])
    .where('status', 'in', UNFINISHED_STATUSES)
    .orderBy('requested_at')
    .orderBy('id');
  if (after !== null) {
    query = query.where((eb) =>
      eb.or([eb('requested_at', '>', after.requestedAt), eb.and([eb('requested_at', '=', after.requestedAt), eb('id', '>', after.id)])]),
    );
  }
  if (filter.userId !== null) query = query.where('user_id', '=', filter.userId);
  const organisationId = filter.organisationId;
  if (organisationId !== null) {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('applications')
          .innerJoin('job_roles', 'job_roles.id', 'applications.job_role_id')
          .select('applications.id')
          .whereRef('applications.candidate_id', '=', 'data_deletion_requests.user_id')
          .where('job_roles.organisation_id', '=', organisationId),
      ),
    );
  }
  const rows = await firstRows(db, query, limit).execute();
  return rows.map(toOpenRequest);
}

function toOpenRequest(row: { id: string; user_id: string; request_type: string; requested_at: Date | string }): OpenDeletionRequest {
  return { id: row.id, user_id: row.user_id, request_type: row.request_type as DeletionRequestType, requested_at: readTimestamp(row.requested_at) };
}

/** One request the queue names, if it is still to be carried out. */
export async function findOpenDeletionRequest(db: Db, id: string): Promise<OpenDeletionRequest | null> {
  const row = await db
    .selectFrom('data_deletion_requests')
    .select(['id', 'user_id', 'request_type', 'requested_at'])
    .where('id', '=', id)
    .where('status', 'in', UNFINISHED_STATUSES)
    .executeTakeFirst();
  return row === undefined ? null : toOpenRequest(row);
}

export async function setDeletionRequestStatus(
  db: Db,
  id: string,
  outcome: { status: 'processing' | 'completed' | 'failed'; processed_at: Date | null; processed_by: string | null; notes: string | null },
): Promise<void> {
  await db
    .updateTable('data_deletion_requests')
    .set(outcome)
    .where('id', '=', id)
    .execute();
}

/** What of a candidate lives in Blob: their CV and the recordings of their interviews. */
export async function findCandidateBlobs(db: Db, userId: string): Promise<{ cvPath: string | null; interviewIds: string[] }> {
  const profile = await db.selectFrom('candidate_profiles').select('cv_file_path').where('user_id', '=', userId).executeTakeFirst();
  const interviews = await db
    .selectFrom('interviews')
    .innerJoin('applications', 'applications.id', 'interviews.application_id')
    .select('interviews.id')
    .where('applications.candidate_id', '=', userId)
    .execute();
  return { cvPath: profile?.cv_file_path ?? null, interviewIds: interviews.map((r) => r.id) };
}

export async function markCandidateRecordingsDeleted(db: Db, userId: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('interviews')
    .set({ recording_url: null, recording_deleted_at: now })
    .where('recording_deleted_at', 'is', null)
    .where('application_id', 'in', db.selectFrom('applications').select('id').where('candidate_id', '=', userId))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The identifying fields of the profile replaced, DEI answers deleted (the original `anonymize`). */
export async function anonymiseCandidate(db: Db, userId: string): Promise<void> {
  await db
    .updateTable('candidate_profiles')
    .set({
      first_name: 'Anonymized',
      last_name: 'User',
      email: `anonymized-${userId.slice(0, 8)}@deleted.local`,
      phone: null,
      linkedin_url: null,
      portfolio_url: null,
      suburb: null,
      postcode: null,
      state: null,
      country: null,
    })
    .where('user_id', '=', userId)
    .execute();
  await db.deleteFrom('candidate_dei').where('user_id', '=', userId).execute();
}

/**
 * Everything of the candidate deleted; applications take their invitations, interviews, transcripts, scores,
 * sessions and consents with them (cascades). The user row stays, emptied of name and email, so audit rows point
 * at an account that no longer says who it was.
 */
export async function eraseCandidate(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('applications').where('candidate_id', '=', userId).execute();
  for (const table of ['practice_interviews', 'candidate_skills', 'education', 'employment_history', 'candidate_dei', 'candidate_profiles', 'user_roles', 'idempotency_records', 'acs_identities'] as const) {
    await db.deleteFrom(table).where('user_id', '=', userId).execute();
  }
  // The sign-in subject stays so the person can still sign in and see their request completed.
  await db.updateTable('users').set({ email: null, display_name: null }).where('id', '=', userId).execute();
  await pseudonymiseAudit(db, userId);
}

/** Audit rows stay (who did what, when) but lose the network address and the changed values. */
export async function pseudonymiseAudit(db: Db, userId: string): Promise<void> {
  await db.updateTable('audit_log').set({ ip_address: null, old_values: null, new_values: null }).where('user_id', '=', userId).execute();
}

export interface StaleCv {
  user_id: string;
  cv_file_path: string;
}

/**
 * CVs past retention: uploaded before `cutoff`, of candidates none of whose applications is open or was changed on or
 * after `cutoff` (a candidate without applications qualifies on the upload alone), by candidate after `after`.
 */
export async function listStaleCvs(db: Db, cutoff: Date, limit: number, after: string | null): Promise<StaleCv[]> {
  let query = db
    .selectFrom('candidate_profiles')
    .select(['candidate_profiles.user_id', 'candidate_profiles.cv_file_path'])
    .where('candidate_profiles.cv_file_path', 'is not', null);
  if (after !== null) query = query.where('candidate_profiles.user_id', '>', after);
  const rows = await firstRows(
    db,
    query
      // A CV imported without its upload time counts from the profile's last change.
      .where((eb) => eb(eb.fn.coalesce('candidate_profiles.cv_uploaded_at', 'candidate_profiles.updated_at'), '<', cutoff))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('applications')
              .select('applications.id')
              .whereRef('applications.candidate_id', '=', 'candidate_profiles.user_id')
              .where((inner) => inner.or([inner('applications.status', 'not in', [...CLOSED_APPLICATION_STATUSES]), inner('applications.updated_at', '>=', cutoff)])),
          ),
        ),
      )
      .orderBy('candidate_profiles.user_id'),
    limit,
  ).execute();
  return rows.map((r) => ({ user_id: r.user_id, cv_file_path: r.cv_file_path as string }));
}

/** Forgets a deleted CV, unless the candidate uploaded another since it was listed. */
export async function clearCvPath(db: Db, cv: StaleCv): Promise<void> {
  await db
    .updateTable('candidate_profiles')
    .set({ cv_file_path: null, cv_uploaded_at: null })
    .where('user_id', '=', cv.user_id)
    .where('cv_file_path', '=', cv.cv_file_path)
    .execute();
}
