import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Scopes } from '../db/scopes';
import {
  acquireLease,
  anonymiseCandidate,
  deleteTranscriptsBefore,
  eraseCandidate,
  findCandidateBlobs,
  findOpenDeletionRequest,
  listInterviewsWithRecordingsBefore,
  listOpenDeletionRequests,
  listOrganisationRetention,
  listStaleCvs,
  clearCvPath,
  markCandidateRecordingsDeleted,
  markRecordingsDeleted,
  pseudonymiseAudit,
  releaseLease,
  setDeletionRequestStatus,
  type OpenDeletionRequest,
  type StaleCv,
} from '../db/repositories/retention';
import type { Logger } from '../observability/logger';
import type { BlobStorage } from '../storage/blob-storage';
import type { Caller } from '../auth/caller';
import type { Clock } from '../runtime/clock';
import { requireOrgRole } from '../auth/authorize';
import { ConflictError, ForbiddenError } from '../errors';

export const RETENTION_ACTIONS = ['cleanup_recordings', 'process_deletion_requests'] as const;
export type RetentionAction = (typeof RETENTION_ACTIONS)[number];

export const RetentionRunInput = z
  .strictObject({
    action: z.enum(RETENTION_ACTIONS).describe('What to run, as in the original function.'),
    organisation_id: z
      .uuid()
      .optional()
      .describe('Only this organisation. Required for organisation admins; operators may leave it out to run for all.'),
  })
  .meta({ id: 'RetentionRunRequest' });
export type RetentionRunInput = z.infer<typeof RetentionRunInput>;

/** The candidate is promised processing within 30 days; the daily run takes every open request, oldest first. */
export const DELETION_PROMISE_DAYS = 30;
export const RECORDINGS_CONTAINER = 'interview-recordings';
const CV_CONTAINER = 'candidate-cvs';
/**
 * One lease per scope of work: the whole platform, or one organisation (its admin's run). Runs of the same scope
 * never overlap; an organisation's run alongside the platform run only repeats idempotent steps.
 */
function leaseName(target: RetentionTarget): string {
  return `data-retention-cleanup:${target.organisationId ?? 'all'}`;
}
const CV_SWEEP_LEASE = 'data-retention-cleanup:cvs';
/** Long enough for one batch; a crashed holder's lease runs out and the next run resumes where it stopped. */
const LEASE_SECONDS = 15 * 60;
const BATCH_SIZE = 50;
const DAY_MS = 86_400_000;

export interface RetentionDeps {
  scopes: Scopes;
  storage: BlobStorage;
  log: Logger;
  /** Injectable for time-travel tests; the functions pass the services' clock. */
  now: Clock;
}

/** Which organisation's data a run may touch: all (timer, operators) or one (its admin). */
export interface RetentionTarget {
  organisationId: string | null;
}

export interface CleanupRecordingsResult {
  success: true;
  totalDeleted: number;
  organisationResults: { organisation: string; retentionDays: number; interviewsProcessed: number; transcriptsDeleted: number }[];
  processedAt: string;
}

export interface ProcessDeletionRequestsResult {
  success: true;
  requestsProcessed: number;
  results: { requestId: string; status: 'completed' | 'failed'; error?: string }[];
  processedAt: string;
}

/**
 * Platform operators may run retention for everyone or one organisation; an organisation admin only for their
 * own organisation, named in the request.
 */
export function authorizeRetentionRun(caller: Caller, organisationId: string | undefined): RetentionTarget {
  if (caller.operator) return { organisationId: organisationId ?? null };
  if (organisationId === undefined) throw new ForbiddenError('Only platform operators may run retention for every organisation.');
  requireOrgRole(caller, organisationId, ['admin']);
  return { organisationId };
}

/** The run asked for over HTTP, answered in the original function's shapes. */
export async function runRetention(
  deps: RetentionDeps,
  target: RetentionTarget,
  action: RetentionAction,
): Promise<CleanupRecordingsResult | ProcessDeletionRequestsResult> {
  return action === 'cleanup_recordings' ? cleanupRecordings(deps, target) : processDeletionRequests(deps, { ...target, userId: null });
}

/** Runs `work` while holding the database lease; a second run at the same time is refused. */
async function underLease<T>(deps: RetentionDeps, name: string, work: () => Promise<T>): Promise<T> {
  const holder = randomUUID();
  const now = deps.now();
  const held = await deps.scopes.system.run((db) =>
    acquireLease(db, { name, holder, now, expiresAt: new Date(now.getTime() + LEASE_SECONDS * 1000) }),
  );
  if (!held) throw new ConflictError('A retention run is already in progress; try again when it has finished.');
  try {
    return await work();
  } finally {
    await deps.scopes.system.run((db) => releaseLease(db, name, holder));
  }
}

async function deleteByPrefix(storage: BlobStorage, container: string, prefix: string): Promise<number> {
  const client = storage.client.getContainerClient(container);
  let deleted = 0;
  for await (const blob of client.listBlobsFlat({ prefix })) {
    // Already gone (a crashed run got there first) is the same outcome; any other failure stops the batch unmarked.
    if ((await client.getBlobClient(blob.name).deleteIfExists({ deleteSnapshots: 'include' })).succeeded) deleted += 1;
  }
  return deleted;
}

/** Recordings live under `interview-recordings/<interviewId>/`. */
function recordingPrefix(interviewId: string): string {
  return `${interviewId}/`;
}

/**
 * Per organisation: recordings of interviews that ended more than `recording_retention_days` ago are deleted
 * from Blob and then marked deleted on the interview, a batch at a time; transcripts past
 * `transcript_retention_days` are deleted. A crash between the two steps leaves the interview unmarked, so the
 * next run deletes the (now missing) blobs again and marks it: nothing is done twice that matters.
 */
export async function cleanupRecordings(deps: RetentionDeps, target: RetentionTarget): Promise<CleanupRecordingsResult> {
  return underLease(deps, leaseName(target), async () => {
    const now = deps.now();
    const organisations = await deps.scopes.system.run((db) => listOrganisationRetention(db, target.organisationId));
    const organisationResults: CleanupRecordingsResult['organisationResults'] = [];
    for (const organisation of organisations) {
      const cutoff = new Date(now.getTime() - organisation.recording_retention_days * DAY_MS);
      let interviewsProcessed = 0;
      for (;;) {
        const batch = await deps.scopes.system.run((db) => listInterviewsWithRecordingsBefore(db, organisation.id, cutoff, BATCH_SIZE));
        if (batch.length === 0) break;
        for (const interviewId of batch) await deleteByPrefix(deps.storage, RECORDINGS_CONTAINER, recordingPrefix(interviewId));
        await deps.scopes.system.run((db) => markRecordingsDeleted(db, batch, now));
        interviewsProcessed += batch.length;
      }
      const transcriptCutoff = new Date(now.getTime() - organisation.transcript_retention_days * DAY_MS);
      const transcriptsDeleted = await deps.scopes.system.run((db) => deleteTranscriptsBefore(db, organisation.id, transcriptCutoff));
      organisationResults.push({
        organisation: organisation.id,
        retentionDays: organisation.recording_retention_days,
        interviewsProcessed,
        transcriptsDeleted,
      });
    }
    const totalDeleted = organisationResults.reduce((sum, r) => sum + r.interviewsProcessed, 0);
    deps.log.info('retention: recordings cleaned up', {
      organisations: organisationResults.length,
      interviews: totalDeleted,
      transcript_segments: organisationResults.reduce((sum, r) => sum + r.transcriptsDeleted, 0),
    });
    return { success: true, totalDeleted, organisationResults, processedAt: now.toISOString() };
  });
}

export interface CvSweepResult {
  cvsDeleted: number;
  processedAt: string;
}

/**
 * CVs of candidates with no open application, kept `cvRetentionDays` after the later of the upload and the last
 * change to any of their applications (docs/privacy.md). Platform-wide (a CV belongs to the candidate, not to an
 * organisation), a batch at a time; each blob is deleted before its row forgets it, so a crash in between only
 * means the next run deletes the missing blob again.
 */
export async function sweepStaleCvs(deps: RetentionDeps, cvRetentionDays: number): Promise<CvSweepResult> {
  // Its own lease: the sweep touches no organisation's rows, so it need not wait for (or block) their runs.
  return underLease(deps, CV_SWEEP_LEASE, async () => {
    const now = deps.now();
    const cutoff = new Date(now.getTime() - cvRetentionDays * DAY_MS);
    const container = deps.storage.client.getContainerClient(CV_CONTAINER);
    let cvsDeleted = 0;
    let after: string | null = null;
    for (;;) {
      const position: string | null = after;
      const batch: StaleCv[] = await deps.scopes.system.run((db) => listStaleCvs(db, cutoff, BATCH_SIZE, position));
      if (batch.length === 0) break;
      for (const cv of batch) await container.getBlobClient(cv.cv_file_path).deleteIfExists({ deleteSnapshots: 'include' });
      await deps.scopes.system.transaction(async (trx) => {
        for (const cv of batch) await clearCvPath(trx, cv);
      });
      cvsDeleted += batch.length;
      after = batch[batch.length - 1]?.user_id ?? null;
    }
    deps.log.info('retention: CVs swept', { cvs: cvsDeleted, retention_days: cvRetentionDays });
    return { cvsDeleted, processedAt: now.toISOString() };
  });
}

/** Who carried a request out, recorded on it: the daily run or an operator's run, or the request's queue message. */
export type DeletionProcessor = 'data-retention-cleanup' | 'process-deletion-request';

type Attempt = { requestId: string; status: 'completed' | 'failed'; error?: string };

/**
 * Carries out one request under its own lease, so the queue message and a sweep never work on it together (each
 * step is idempotent all the same). Null when another worker holds it. A failure is recorded on the request, which
 * stays open: the next sweep or redelivery tries again.
 */
async function attempt(deps: RetentionDeps, request: OpenDeletionRequest, processor: DeletionProcessor): Promise<Attempt | null> {
  const name = `deletion-request:${request.id}`;
  const holder = randomUUID();
  const now = deps.now();
  const held = await deps.scopes.system.run((db) =>
    acquireLease(db, { name, holder, now, expiresAt: new Date(now.getTime() + LEASE_SECONDS * 1000) }),
  );
  if (!held) return null;
  try {
    await carryOut(deps, request, processor);
    return { requestId: request.id, status: 'completed' };
  } catch (error) {
    // The error's kind only: a message may quote the data being deleted.
    const kind = error instanceof Error ? error.name : 'error';
    await deps.scopes.system.run((db) =>
      setDeletionRequestStatus(db, request.id, {
        status: 'failed',
        processed_at: deps.now(),
        processed_by: processor,
        notes: `Failed (${kind}); it will be tried again and the team has been alerted.`,
      }),
    );
    return { requestId: request.id, status: 'failed', error: kind };
  } finally {
    await deps.scopes.system.run((db) => releaseLease(db, name, holder));
  }
}

/** Blobs first (a crash after this leaves the request open, and the next run repeats it harmlessly), rows after. */
async function carryOut(deps: RetentionDeps, request: OpenDeletionRequest, processor: DeletionProcessor): Promise<string> {
  const now = deps.now();
  const blobs = await deps.scopes.system.transaction(async (trx) => {
    await setDeletionRequestStatus(trx, request.id, { status: 'processing', processed_at: null, processed_by: null, notes: null });
    return findCandidateBlobs(trx, request.user_id);
  });
  let recordings = 0;
  for (const interviewId of blobs.interviewIds) recordings += await deleteByPrefix(deps.storage, RECORDINGS_CONTAINER, recordingPrefix(interviewId));
  const deletesCv = request.request_type === 'full_deletion' && blobs.cvPath !== null;
  if (deletesCv && blobs.cvPath !== null) {
    await deps.storage.client.getContainerClient(CV_CONTAINER).getBlobClient(blobs.cvPath).deleteIfExists({ deleteSnapshots: 'include' });
  }
  return deps.scopes.system.transaction(async (trx) => {
    await markCandidateRecordingsDeleted(trx, request.user_id, now);
    if (request.request_type === 'anonymize') await anonymiseCandidate(trx, request.user_id);
    if (request.request_type === 'full_deletion') await eraseCandidate(trx, request.user_id);
    else await pseudonymiseAudit(trx, request.user_id);
    const notes = `Done: ${recordings} recording file(s) deleted` + (deletesCv ? ', CV deleted' : '') + describe(request.request_type);
    await setDeletionRequestStatus(trx, request.id, { status: 'completed', processed_at: now, processed_by: processor, notes });
    return notes;
  });
}

function describe(type: OpenDeletionRequest['request_type']): string {
  if (type === 'full_deletion') return ', profile, applications, interviews and transcripts deleted; audit entries kept without personal details.';
  if (type === 'anonymize') return ', profile anonymised and equal-opportunity answers deleted.';
  return '.';
}

/**
 * Every unfinished request (of the organisation's candidates alone when a target is given), oldest first, each tried
 * once per run: the daily run is the backstop for requests whose queue message was lost or failed.
 */
export async function processDeletionRequests(
  deps: RetentionDeps,
  target: RetentionTarget & { userId: string | null },
): Promise<ProcessDeletionRequestsResult> {
  return underLease(deps, leaseName(target), async () => {
    const results: ProcessDeletionRequestsResult['results'] = [];
    let after: { requestedAt: Date; id: string } | null = null;
    for (;;) {
      const position: typeof after = after;
      const batch: OpenDeletionRequest[] = await deps.scopes.system.run((db) => listOpenDeletionRequests(db, target, BATCH_SIZE, position));
      if (batch.length === 0) break;
      for (const request of batch) {
        const outcome = await attempt(deps, request, 'data-retention-cleanup');
        if (outcome !== null) results.push(outcome);
        after = { requestedAt: new Date(request.requested_at), id: request.id };
      }
    }
    const failed = results.filter((r) => r.status === 'failed').length;
    deps.log.info('retention: deletion requests processed', { processed: results.length, failed });
    if (failed > 0) deps.log.error('retention: deletion requests failed', { failed });
    return { success: true, requestsProcessed: results.length, results, processedAt: deps.now().toISOString() };
  });
}

export type QueuedDeletionOutcome = 'completed' | 'not_open' | 'busy';

/**
 * The request named by a `deletion-requests` message, carried out at once. A request already done (a redelivery)
 * or being done by a sweep is left alone; a failure throws so the runtime retries the message and, after
 * maxDequeueCount, moves it to the poison queue, while the request stays open for the daily run.
 */
export async function processQueuedDeletionRequest(deps: RetentionDeps, requestId: string): Promise<QueuedDeletionOutcome> {
  const request = await deps.scopes.system.run((db) => findOpenDeletionRequest(db, requestId));
  if (request === null) return 'not_open';
  const outcome = await attempt(deps, request, 'process-deletion-request');
  if (outcome === null) return 'busy';
  if (outcome.status === 'failed') throw new Error(`deletion request ${requestId} failed (${outcome.error ?? 'error'}); it stays open`);
  return 'completed';
}
