import { Transform } from 'node:stream';
import type { ContainerClient } from '@azure/storage-blob';
import type { DbScope } from '../db/scopes';
import { claimRecordingDownload, markRecordingDeletedFromAcs, markRecordingFailed, markRecordingStored, type RecordingToStore } from '../db/repositories/calls';
import type { Logger } from '../observability/logger';

/** The part of Call Automation's CallRecording the pipeline uses (HMAC or managed identity signed by the SDK). */
export interface RecordingSource {
  downloadStreaming(sourceLocationUrl: string): Promise<NodeJS.ReadableStream>;
  delete(recordingLocationUrl: string): Promise<void>;
}

export const RECORDINGS_CONTAINER = 'interview-recordings';

/** Upload in 4 MiB blocks, two at a time: memory stays near 8 MiB whatever the recording's size. */
const BLOCK_BYTES = 4 * 1024 * 1024;
const PARALLEL_BLOCKS = 2;

const EXTENSIONS: Record<string, string> = { 'audio/wav': 'wav', 'audio/x-wav': 'wav', 'audio/mpeg': 'mp3', 'video/mp4': 'mp4', 'audio/mp4': 'mp4' };

export class RecordingDownloadError extends Error {}

export type StoreOutcome = 'deleted' | 'nothing-to-do';

/**
 * Moves one ACS recording into Blob Storage at `interview-recordings/<interviewId>/<recordingId>.<ext>`, streamed
 * (never held in memory), its size checked against what the blob holds, then deletes it from ACS. Each step is its
 * own short database scope; no connection is held while ACS or Blob Storage is called. A failure is stored on the
 * row and thrown, so the queue retries it with backoff; a retry of a stored recording only deletes it from ACS.
 */
export async function storeRecording(
  scope: DbScope,
  source: RecordingSource,
  container: ContainerClient,
  recordingId: string,
  options: { contentType: string; log: Logger },
): Promise<StoreOutcome> {
  const recording = await scope.run((db) => claimRecordingDownload(db, recordingId, new Date()));
  if (!recording) return 'nothing-to-do';
  if (!recording.stored) await copyToBlob(scope, source, container, recording, options);
  // Only after the copy is safe: ACS keeps it 24 hours, so a failed delete is retried by the next delivery.
  await source.delete(recording.delete_location);
  await scope.run((db) => markRecordingDeletedFromAcs(db, recording.id, new Date()));
  return 'deleted';
}

async function copyToBlob(scope: DbScope, source: RecordingSource, container: ContainerClient, recording: RecordingToStore, options: { contentType: string; log: Logger }) {
  const { contentType } = options;
  const blobPath = `${recording.interview_id}/${recording.recording_id}.${EXTENSIONS[contentType] ?? 'bin'}`;
  try {
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
    if (bytes === 0 || stored !== bytes) throw new RecordingDownloadError(`downloaded ${bytes} bytes but the blob holds ${stored}`);
    await scope.run((db) => markRecordingStored(db, recording.id, { blob_path: blobPath, size_bytes: bytes, content_type: contentType }, new Date()));
    options.log.info('recording stored', { recordingId: recording.recording_id, bytes, attempt: recording.attempts });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await scope.run((db) => markRecordingFailed(db, recording.id, reason, new Date()));
    throw error;
  }
}
