import { parentPort } from 'node:worker_threads';
import { UnprocessableError } from '../errors';
import type { DocumentType } from './document-type';
import { extractTextOffline } from './extract-text-offline';

/**
 * The worker side of document-readers: reads one document at a time, off the host's event loop, inside the
 * memory limits the pool gave this thread. Answers with the text, or with the 422 a refused document gets.
 */
export interface ReadRequest {
  id: number;
  bytes: Uint8Array;
  type: DocumentType;
}

export type ReadAnswer = { id: number; text: string } | { id: number; refused: string } | { id: number; failed: true };

parentPort?.on('message', (request: ReadRequest) => {
  extractTextOffline(request.bytes, request.type).then(
    (text) => parentPort?.postMessage({ id: request.id, text } satisfies ReadAnswer),
    (error: unknown) => parentPort?.postMessage((error instanceof UnprocessableError ? { id: request.id, refused: error.message } : { id: request.id, failed: true }) satisfies ReadAnswer),
  );
});
