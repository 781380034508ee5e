import { z } from 'zod';
import { fileFromMultipart } from '../documents/multipart-file';
import { ForbiddenError, PayloadTooLargeError, ValidationError } from '../errors';
import { parseOrThrow, singleLineText } from '../validation';
import { MAX_RESUME_BYTES } from './resume-files';

/** The original request: a file already stored in candidate-cvs (`userId` is optional now; the token says who). */
export const ParseStoredResumeRequest = z
  .strictObject({
    filePath: singleLineText({ error: 'filePath is required' }).trim().min(1).max(1024).describe('A path under your user id in candidate-cvs, as returned by an earlier parse.'),
    userId: z.uuid().optional().describe('Kept from the original contract; when sent it must be your own id.'),
  })
  .meta({ id: 'ParseStoredResumeRequest' });

export type ResumeSource = { kind: 'upload'; bytes: Uint8Array } | { kind: 'stored'; file_path: string };

/** A multipart upload carries its file in this part. */
export const FILE_FIELD = 'file';
/** The request body may be the 10 MB file plus multipart framing; the file itself is held to exactly 10 MB. */
export const RESUME_BODY_LIMIT_BYTES = MAX_RESUME_BYTES + 64 * 1024;

/** The original's path rules: under the caller's own folder, no `..`, no `//` (400); another user's id is 403. */
function storedSource(input: z.infer<typeof ParseStoredResumeRequest>, userId: string): ResumeSource {
  if (input.userId !== undefined && input.userId.toLowerCase() !== userId) throw new ForbiddenError('You can only parse your own resume.');
  const path = input.filePath;
  const unsafe = path.includes('..') || path.includes('//') || path.includes('\\') || [...path].some((c) => c.charCodeAt(0) < 32);
  if (unsafe || !path.startsWith(`${userId}/`) || path.length === userId.length + 1) {
    throw new ValidationError('The file path is not one of yours.', [
      { path: 'filePath', message: `A path under "${userId}/" without ".." or "//"` },
    ]);
  }
  return { kind: 'stored', file_path: path };
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new ValidationError('The request body is not valid JSON.');
  }
}

/**
 * What the request asks to parse: JSON `{filePath}` names a stored file; multipart/form-data carries the file in
 * its `file` part; any other body is the file itself. The file's type is judged later from its bytes, never
 * from this content type.
 */
export async function resumeSourceOf(contentType: string | null, body: Uint8Array, userId: string): Promise<ResumeSource> {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (/^application\/([\w.+-]+\+)?json$/.test(mediaType)) {
    return storedSource(parseOrThrow(ParseStoredResumeRequest, parseJson(body), 'request body'), userId);
  }
  const bytes = mediaType === 'multipart/form-data' ? await fileFromMultipart(contentType ?? '', body, FILE_FIELD) : body;
  if (bytes.byteLength > MAX_RESUME_BYTES) throw new PayloadTooLargeError(MAX_RESUME_BYTES);
  return { kind: 'upload', bytes };
}
