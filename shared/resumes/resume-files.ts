import type { BlobServiceClient } from '@azure/storage-blob';
import type { DocumentType } from '../documents/document-type';
import { NotFoundError, PayloadTooLargeError } from '../errors';
import { storageBlobSdk } from '../runtime/sdk-modules';
import { callBlobStorage } from '../storage/blob-storage';

/** The private container of candidates' resumes; every file sits under its owner's user id. */
export const CV_CONTAINER = 'candidate-cvs';
/** The original bucket's limit: 10 MB. */
export const MAX_RESUME_BYTES = 10 * 1024 * 1024;

/** Server-chosen, from the content: the same file uploaded twice is one blob, and no client-supplied name is used. */
export function resumeBlobName(userId: string, contentHash: string, type: Pick<DocumentType, 'extension'>): string {
  return `${userId}/cv-${contentHash.slice(0, 24)}.${type.extension}`;
}

function isNotFound(error: unknown): boolean {
  return error instanceof storageBlobSdk().RestError && error.statusCode === 404;
}

export async function downloadResume(client: BlobServiceClient, blobName: string): Promise<Uint8Array> {
  const blob = client.getContainerClient(CV_CONTAINER).getBlobClient(blobName);
  try {
    const properties = await callBlobStorage(() => blob.getProperties());
    if ((properties.contentLength ?? 0) > MAX_RESUME_BYTES) throw new PayloadTooLargeError(MAX_RESUME_BYTES);
    return await callBlobStorage(() => blob.downloadToBuffer());
  } catch (error) {
    if (isNotFound(error)) throw new NotFoundError('There is no such file among your uploaded resumes.');
    throw error;
  }
}

export async function uploadResume(client: BlobServiceClient, blobName: string, bytes: Uint8Array, type: DocumentType): Promise<void> {
  const blob = client.getContainerClient(CV_CONTAINER).getBlockBlobClient(blobName);
  await callBlobStorage(() => blob.uploadData(bytes, { blobHTTPHeaders: { blobContentType: type.media_type, blobContentDisposition: 'attachment' } }));
}

export async function deleteResume(client: BlobServiceClient, blobName: string): Promise<void> {
  await client.getContainerClient(CV_CONTAINER).getBlobClient(blobName).deleteIfExists();
}
