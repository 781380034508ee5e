import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { RestError, type BlobServiceClient } from '@azure/storage-blob';
import { detectDocumentType } from '../../shared/documents/document-type';
import { CV_CONTAINER, resumeBlobName } from '../../shared/resumes/resume-files';
import type { CvOutcome } from './table-plans';

/** Where the old CV files are read from: Supabase Storage's REST API, or a folder exported from the bucket. */
export interface CvFileSource {
  describe: string;
  /** The file at `path` in the candidate-cvs bucket, or null when it is not there. */
  read(path: string): Promise<Buffer | null>;
}

const BUCKET = 'candidate-cvs';

/** Paths as the old client stored them: `<userId>/cv.<ext>`, sometimes with the bucket name in front. */
function bucketPath(path: string): string | null {
  const trimmed = path.trim().replace(/^\/+/, '');
  const inBucket = trimmed.startsWith(`${BUCKET}/`) ? trimmed.slice(BUCKET.length + 1) : trimmed;
  const segments = inBucket.split('/');
  if (!inBucket || segments.some((s) => s === '' || s === '.' || s === '..')) return null;
  return inBucket;
}

/** An exported folder: either the bucket's contents, or a folder holding `candidate-cvs/`. */
export function folderCvSource(folder: string): CvFileSource {
  const root = resolve(folder);
  return {
    describe: `folder ${root}`,
    async read(path) {
      const relative = bucketPath(path);
      if (!relative) return null;
      for (const base of [resolve(root, BUCKET), root]) {
        const file = resolve(base, relative);
        if (!file.startsWith(base + sep)) return null;
        try {
          return await readFile(file);
        } catch (error) {
          if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error;
        }
      }
      return null;
    },
  };
}

/** Supabase Storage over REST with the service-role key (the bucket is private). */
export function supabaseStorageCvSource(projectUrl: string, serviceRoleKey: string): CvFileSource {
  const base = projectUrl.replace(/\/+$/, '');
  return {
    describe: `Supabase Storage at ${new URL(base).host}`,
    async read(path) {
      const relative = bucketPath(path);
      if (!relative) return null;
      const url = `${base}/storage/v1/object/${BUCKET}/${relative.split('/').map(encodeURIComponent).join('/')}`;
      const response = await fetch(url, {
        headers: { authorization: `Bearer ${serviceRoleKey}`, apikey: serviceRoleKey },
        signal: AbortSignal.timeout(120_000),
      });
      // Storage answers a missing object with 404, or with 400 and a body saying not found.
      if (response.status === 404 || response.status === 400) return null;
      if (!response.ok) throw new Error(`Supabase Storage answered ${response.status} for a CV download`);
      return Buffer.from(await response.arrayBuffer());
    },
  };
}

const LEGACY_TYPES: Record<string, string> = {
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/** The type from the bytes where the app reads it; otherwise (e.g. a legacy .doc) from the old name. */
function fileType(bytes: Buffer, oldPath: string): { extension: string; mediaType: string } {
  try {
    const type = detectDocumentType(bytes, { imagesAccepted: false });
    return { extension: type.extension, mediaType: type.media_type };
  } catch {
    const extension = /\.([a-z0-9]{1,5})$/i.exec(oldPath)?.[1]?.toLowerCase() ?? 'bin';
    return { extension, mediaType: LEGACY_TYPES[extension] ?? 'application/octet-stream' };
  }
}

export type CopyResult = { outcome: CvOutcome; action: 'copied' | 'present' | 'missing' };

/**
 * Copies one CV into the private container under the app's own naming (`<userId>/cv-<sha256 prefix>.<ext>`).
 * A blob of that name and size is already the same file (the name carries the content hash): left alone.
 */
export async function copyCv(
  files: CvFileSource,
  blobs: BlobServiceClient,
  file: { userId: string; path: string },
  dryRun: boolean,
): Promise<CopyResult> {
  const bytes = await files.read(file.path);
  if (!bytes) return { outcome: { kind: 'missing', path: file.path }, action: 'missing' };
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const type = fileType(bytes, file.path);
  const blobName = resumeBlobName(file.userId, sha256, type);
  const outcome: CvOutcome = { kind: 'stored', blobName, size: bytes.length, sha256 };
  if (await storedSize(blobs, blobName) === bytes.length) return { outcome, action: 'present' };
  if (!dryRun) {
    await blobs
      .getContainerClient(CV_CONTAINER)
      .getBlockBlobClient(blobName)
      .uploadData(bytes, { blobHTTPHeaders: { blobContentType: type.mediaType, blobContentDisposition: 'attachment' } });
  }
  return { outcome, action: 'copied' };
}

/** The size of a stored blob, or null when there is none. */
export async function storedSize(blobs: BlobServiceClient, blobName: string): Promise<number | null> {
  try {
    const properties = await blobs.getContainerClient(CV_CONTAINER).getBlobClient(blobName).getProperties();
    return properties.contentLength ?? 0;
  } catch (error) {
    if (error instanceof RestError && error.statusCode === 404) return null;
    throw error;
  }
}
