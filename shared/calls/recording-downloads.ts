import { Transform } from 'node:stream';
import type { ContainerClient } from '@azure/storage-blob';
import type { DbScope } from '../db/scopes';
import {
  claimRecordingDownload,
  listLostRecordings,
  markRecordingDeletedFromAcs,
  markRecordingFailed,
  markRecordingStored,
  type RecordingToStore,
} from '../db/repositories/calls';
import { ServiceUnavailableError } from '../errors';
import type { Logger } from '../observability/logger';
import { enqueueCommittedWork, secondsUntil } from '../queues/enqueue';
import type { WorkQueues } from '../queues/work-queues';

/** The part of Call Automation's CallRecording the pipeline uses (HMAC or managed identity signed by the SDK). */
export interface RecordingSource {
  downloadStreaming(sourceLocationUrl: string): Promise<NodeJS.ReadableStream>;
  delete(recordingLocationUrl: string): Promise<void>;
}

export const RECORDINGS_CONTAINER = 'interview-recordings';

/** Upload in 4 MiB blocks, two at a time: memory stays near 8 MiB whatever the recording's size. */
const BLOCK_BYTES = 4 * 1024 * 1024;
const PARALLEL_BLOCKS = 2;

/**
 * Retries after 30 s, 1, 2, 4 … 64 minutes: the last attempt comes about two hours after the first, far inside the
 * 24 hours ACS keeps a recording. After that the row stays `failed` with its reason, for the recruiter to see.
 */
export const MAX_DOWNLOAD_ATTEMPTS = 8;
const RETRY_BASE_MS = 30_000;
/** A download that has not moved for this long lost its worker (the instance stopped); another may take it. */
const DOWNLOAD_LEASE_MS = 30 * 60_000;
/** Longer than the longest backoff and the lease: a row untouched this long has no message coming. */
export const LOST_AFTER_MS = 90 * 60_000;
const SWEEP_BATCH = 100;

const EXTENSIONS: Record<string, string> = { 'audio/wav': 'wav', 'audio/mpeg': 'mp3', 'audio/mp4': 'mp4', 'video/mp4': 'mp4' };
const DEFAULT_CONTENT_TYPE = 'audio/wav';

export class RecordingDownloadError extends Error {}

export type StoreOutcome = 'deleted' | 'retry' | 'failed' | 'nothing-to-do';

/** ACS's SDK throws plain `{status, message}` objects; keep the status, never a body. */
function describeFailure(error: unknown): string {
  if (error instanceof Error) return error.message;
  const status = typeof error === 'object' && error !== null && 'status' in error ? String(error.status) : 'unknown';
  return `Communication Services answered ${status}`;
}

function retryAfter(attempts: number): Date {
  return new Date(Date.now() + RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

/**
 * Moves one ACS recording into Blob Storage at `interview-recordings/<interviewId>/<recordingId>.<ext>`, streamed
 * (never held in memory), its size checked against what the blob holds, then deletes it from ACS. Each step is its
 * own short database scope; no connection is held while ACS or Blob Storage is called. A failed copy is stored on
 * the row (`failed`, with the reason) and answered with when to retry; a retry of a stored recording only deletes
 * it from ACS.
 */
export async function storeRecording(
  scope: DbScope,
  source: RecordingSource,
  container: ContainerClient,
  recordingId: string,
  log: Logger,
): Promise<{ outcome: StoreOutcome; retryAt?: Date }> {
  const now = new Date();
  const recording = await scope.run((db) => claimRecordingDownload(db, recordingId, now, new Date(now.getTime() - DOWNLOAD_LEASE_MS)));
  if (!recording) return { outcome: 'nothing-to-do' };
  if (!recording.stored) {
    try {
      await copyToBlob(scope, source, container, recording, log);
    } catch (error) {
      const reason = describeFailure(error);
      await scope.run((db) => markRecordingFailed(db, recording.id, reason, new Date()));
      log.warn('recording download failed', { recordingId, attempt: recording.attempts, reason });
      return recording.attempts >= MAX_DOWNLOAD_ATTEMPTS ? { outcome: 'failed' } : { outcome: 'retry', retryAt: retryAfter(recording.attempts) };
    }
  }
  try {
    // Only after the copy is safe. ACS keeps it 24 hours, so a failed delete is simply tried again.
    await source.delete(recording.delete_location);
  } catch (error) {
    log.warn('recording stored but not yet deleted from ACS', { recordingId, reason: describeFailure(error) });
    return { outcome: 'retry', retryAt: retryAfter(recording.attempts) };
  }
  await scope.run((db) => markRecordingDeletedFromAcs(db, recording.id, new Date()));
  return { outcome: 'deleted' };
}

async function copyToBlob(scope: DbScope, source: RecordingSource, container: ContainerClient, recording: RecordingToStore, log: Logger): Promise<void> {
  const contentType = recording.content_type && EXTENSIONS[recording.content_type] ? recording.content_type : DEFAULT_CONTENT_TYPE;
  const blobPath = `${recording.interview_id}/${recording.recording_id}.${EXTENSIONS[contentType] ?? 'bin'}`;
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const download = await source.downloadStreaming(recording.content_location);
  download.on('error', (error: Error) => counter.destroy(error));
  const blob = container.getBlockBlobClient(blobPath);
  await blob.uploadStream(download.pipe(counter), BLOCK_BYTES, PARALLEL_BLOCKS, { blobHTTPHeaders: { blobContentType: contentType } });
  const stored = (await blob.getProperties()).contentLength ?? -1;
  // An empty or cut transfer is a failure to retry, never a stored recording.
  if (bytes === 0 || stored !== bytes) throw new RecordingDownloadError(`downloaded ${bytes} bytes but the blob holds ${stored}`);
  await scope.run((db) => markRecordingStored(db, recording.id, { blob_path: blobPath, size_bytes: bytes, content_type: contentType }, new Date()));
  log.info('recording stored', { recordingId: recording.recording_id, bytes, attempt: recording.attempts });
}

export interface RecordingPipeline {
  /** Null when Communication Services is not configured. */
  source: RecordingSource | null;
  container: ContainerClient;
  queues: WorkQueues;
}

/** After the commit that kept a recording (or to retry one): the message that gets it downloaded. */
export function announceRecording(queues: WorkQueues, log: Logger, recordingId: string, retryAt?: Date): Promise<boolean> {
  return enqueueCommittedWork(queues, log, 'recording-downloads', { recordingId }, { delaySeconds: retryAt ? secondsUntil(retryAt) : 0 });
}

/** The queue function's work: store the recording, and for a retry enqueue the next attempt for when it is due. */
export async function downloadRecording(scope: DbScope, pipeline: RecordingPipeline, log: Logger, recordingId: string): Promise<StoreOutcome> {
  // Thrown, so the message is retried and ends in the poison queue: nothing is marked while nothing was tried.
  if (!pipeline.source) throw new ServiceUnavailableError('Azure Communication Services is not configured on this server: set ACS_ENDPOINT (managed identity) or ACS_CONNECTION_STRING.');
  const run = await storeRecording(scope, pipeline.source, pipeline.container, recordingId, log);
  if (run.retryAt) await announceRecording(pipeline.queues, log, recordingId, run.retryAt);
  return run.outcome;
}

/** The sweeper's work: enqueue again every recording whose message was lost, while ACS still has it. */
export async function sweepRecordingDownloads(scope: DbScope, queues: WorkQueues, log: Logger): Promise<number> {
  const lost = await scope.run((db) => listLostRecordings(db, new Date(Date.now() - LOST_AFTER_MS), MAX_DOWNLOAD_ATTEMPTS, SWEEP_BATCH));
  let enqueued = 0;
  for (const recordingId of lost) if (await announceRecording(queues, log, recordingId)) enqueued += 1;
  return enqueued;
}
