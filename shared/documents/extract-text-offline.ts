import mammoth from 'mammoth';
import { PasswordException, PDFParse } from 'pdf-parse';
import { UnprocessableError } from '../errors';
import type { DocumentType } from './document-type';

/** Resumes are a few pages; a longer PDF is read only this far, which bounds the work an upload can cause. */
const MAX_PDF_PAGES = 20;
const PASSWORD_PROTECTED = 'The PDF is password-protected. Remove the password and upload it again.';
const DAMAGED = (what: string) => `The ${what} is damaged and cannot be read. Export it again and upload the new file.`;

function isPasswordError(error: unknown): boolean {
  return error instanceof PasswordException || (error instanceof Error && error.name === 'PasswordException');
}

async function withPdf<T>(bytes: Uint8Array, read: (pdf: PDFParse) => Promise<T>): Promise<T> {
  // pdf.js may take over the buffer it is given; the caller's bytes are still needed (hash, upload).
  const pdf = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    return await read(pdf);
  } catch (error) {
    if (isPasswordError(error)) throw new UnprocessableError(PASSWORD_PROTECTED);
    throw new UnprocessableError(DAMAGED('PDF'));
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
}

/** Opens a PDF without reading its text: 422 when it is encrypted with a password or damaged. */
export async function assertPdfReadable(bytes: Uint8Array): Promise<void> {
  await withPdf(bytes, (pdf) => pdf.getInfo());
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  return withPdf(bytes, async (pdf) => (await pdf.getText({ pageJoiner: '', first: MAX_PDF_PAGES })).text);
}

async function docxText(bytes: Uint8Array): Promise<string> {
  try {
    return (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
  } catch {
    throw new UnprocessableError(DAMAGED('Word document'));
  }
}

/** Text of a PDF (pdf.js), a Word document (mammoth) or a UTF-8 text file, read on this machine. */
export async function extractTextOffline(bytes: Uint8Array, type: DocumentType): Promise<string> {
  switch (type.kind) {
    case 'pdf':
      return pdfText(bytes);
    case 'docx':
      return docxText(bytes);
    case 'text':
      return new TextDecoder('utf-8').decode(bytes);
    case 'image':
      throw new UnprocessableError('Images can only be read by Document Intelligence, which is not configured.');
  }
}
