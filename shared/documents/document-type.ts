import { UnprocessableError, UnsupportedMediaTypeError, ValidationError } from '../errors';
import { listZipEntries } from './zip-entries';

export const DOCUMENT_KINDS = ['pdf', 'docx', 'text', 'image'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface DocumentType {
  kind: DocumentKind;
  media_type: string;
  extension: string;
}

const PDF: DocumentType = { kind: 'pdf', media_type: 'application/pdf', extension: 'pdf' };
const DOCX: DocumentType = {
  kind: 'docx',
  media_type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  extension: 'docx',
};
const TEXT: DocumentType = { kind: 'text', media_type: 'text/plain', extension: 'txt' };

/** Image formats Document Intelligence reads, by their leading bytes. */
const IMAGES: Array<{ type: DocumentType; matches(bytes: Uint8Array): boolean }> = [
  { type: { kind: 'image', media_type: 'image/jpeg', extension: 'jpg' }, matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { type: { kind: 'image', media_type: 'image/png', extension: 'png' }, matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: { kind: 'image', media_type: 'image/tiff', extension: 'tif' }, matches: (b) => startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]) },
  { type: { kind: 'image', media_type: 'image/bmp', extension: 'bmp' }, matches: (b) => startsWith(b, [0x42, 0x4d]) && b.length > 26 && b.subarray(6, 10).every((x) => x === 0) },
  { type: { kind: 'image', media_type: 'image/heif', extension: 'heic' }, matches: (b) => ascii(b, 4, 8) === 'ftyp' && /^(heic|heix|mif1|heif)$/.test(ascii(b, 8, 12)) },
];

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** OLE compound file: legacy .doc, and also the wrapper of a password-protected .docx. */
const COMPOUND_FILE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');
/** The PDF header may follow a little leading junk; readers look for it in the first kilobyte. */
const PDF_HEADER_WINDOW = 1024;

const ACCEPTED = 'Upload a PDF, a Word document (.docx) or a plain-text file';

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((value, index) => bytes[index] === value);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return Buffer.from(bytes.subarray(from, to)).toString('latin1');
}

function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, PDF_HEADER_WINDOW)).includes('%PDF-');
}

function zipType(bytes: Uint8Array): DocumentType {
  const entries = listZipEntries(bytes);
  if (!entries) throw new UnprocessableError('The file is a damaged Word document or archive and cannot be read.');
  if (entries.includes('word/document.xml')) return DOCX;
  throw new UnsupportedMediaTypeError(`The file is a ZIP archive, not a resume document. ${ACCEPTED}.`);
}

function compoundFileType(bytes: Uint8Array): never {
  if (Buffer.from(bytes).includes(ENCRYPTED_PACKAGE)) {
    throw new UnprocessableError('The Word document is password-protected. Remove the password and upload it again.');
  }
  throw new UnsupportedMediaTypeError(`Older Word (.doc) files are not supported; save it as .docx or PDF. ${ACCEPTED}.`);
}

/** UTF-8 without NUL bytes and with almost no control characters: what a person would call a text file. */
function isPlainText(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // Control characters are single bytes in UTF-8 (never part of a multi-byte sequence), so bytes can be counted.
  let control = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0;
    if (byte === 0) return false;
    if (byte < 32 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09 && byte !== 0x0c) control++;
  }
  return control <= bytes.length / 100;
}

/**
 * What a document is, judged from its bytes only (never its name or the content type the client claims).
 * Empty is 400; anything but PDF, DOCX or text is 415, images too unless `imagesAccepted` (Document
 * Intelligence reads them); a damaged archive or an encrypted Word document is 422.
 */
export function detectDocumentType(bytes: Uint8Array, options: { imagesAccepted: boolean }): DocumentType {
  if (bytes.byteLength === 0) throw new ValidationError('The file is empty.', [{ path: 'file', message: 'The file is empty' }]);
  if (isPdf(bytes)) return PDF;
  if (startsWith(bytes, ZIP)) return zipType(bytes);
  if (startsWith(bytes, COMPOUND_FILE)) return compoundFileType(bytes);
  const image = IMAGES.find((candidate) => candidate.matches(bytes));
  if (image) {
    if (options.imagesAccepted) return image.type;
    throw new UnsupportedMediaTypeError(`Images of resumes cannot be read here. ${ACCEPTED} with selectable text.`);
  }
  if (isPlainText(bytes)) return TEXT;
  throw new UnsupportedMediaTypeError(`The file type is not supported. ${ACCEPTED}.`);
}
