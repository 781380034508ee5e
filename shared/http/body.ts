import type { HttpRequest } from '@azure/functions';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../errors';

export const DEFAULT_JSON_BODY_LIMIT = 64 * 1024;

/** Reads the body stream, refusing it as soon as it passes the limit (no buffering of oversize uploads). */
export async function readBodyBytes(request: HttpRequest, limitBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limitBytes) throw new PayloadTooLargeError(limitBytes);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel();
      throw new PayloadTooLargeError(limitBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Reads a JSON body: 415 for another content type, 413 past the limit, ValidationError for malformed JSON. */
export async function readJsonBody(request: HttpRequest, limitBytes: number): Promise<unknown> {
  const bytes = await readBodyBytes(request, limitBytes);
  if (bytes.byteLength === 0) return undefined;
  const contentType = request.headers.get('content-type') ?? '';
  if (contentType && !/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
    throw new UnsupportedMediaTypeError('Send the body as application/json.');
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new MalformedJsonError();
  }
}

export class MalformedJsonError extends ValidationError {
  constructor() {
    super('The request body is not valid JSON.');
  }
}
