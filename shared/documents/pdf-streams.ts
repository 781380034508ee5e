import { constants, inflateSync } from 'node:zlib';
import { UnprocessableError } from '../errors';

/**
 * Bounds on a PDF's compressed streams, checked before pdf.js sees the file: each Flate stream may expand to at
 * most MAX_PDF_STREAM_BYTES and all of them together to MAX_PDF_EXPANDED_BYTES. Inflating stops at the bound, so a
 * small file whose content stream expands to gigabytes is refused (422) after a bounded amount of work.
 */
export const MAX_PDF_STREAM_BYTES = 16 * 1024 * 1024;
export const MAX_PDF_EXPANDED_BYTES = 64 * 1024 * 1024;
/** How far before "stream" its dictionary is looked for. */
const DICTIONARY_WINDOW = 2048;

const TOO_LARGE = 'The PDF expands to more than a resume could hold and was not read. Export it again and upload the new file.';

export function assertPdfStreamsBounded(bytes: Uint8Array): void {
  const pdf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let budget = MAX_PDF_EXPANDED_BYTES;
  let at = 0;
  for (;;) {
    const keyword = pdf.indexOf('stream', at, 'latin1');
    if (keyword < 0) return;
    at = keyword + 6;
    if (keyword >= 3 && pdf.toString('latin1', keyword - 3, keyword) === 'end') continue;
    const dictionary = pdf.toString('latin1', Math.max(0, keyword - DICTIONARY_WINDOW), keyword);
    const start = pdf[at] === 0x0d && pdf[at + 1] === 0x0a ? at + 2 : at + 1;
    const end = pdf.indexOf('endstream', start, 'latin1');
    if (end < 0) return;
    at = end + 9;
    if (!dictionary.slice(dictionary.lastIndexOf('obj')).includes('/FlateDecode')) continue;
    const limit = Math.min(MAX_PDF_STREAM_BYTES, budget);
    try {
      budget -= inflateSync(pdf.subarray(start, end), { maxOutputLength: limit, finishFlush: constants.Z_SYNC_FLUSH }).byteLength;
    } catch (error) {
      if (error instanceof RangeError) throw new UnprocessableError(TOO_LARGE);
      // A damaged stream is pdf.js's to judge.
    }
  }
}
