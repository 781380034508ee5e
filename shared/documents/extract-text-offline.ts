import { UnprocessableError } from '../errors';
import type { DocumentType } from './document-type';
import { docxStructuredText } from './docx-structure';
import { pdfStructuredText } from './pdf-text';

/**
 * Text of a PDF (pdf.js text items laid out in reading order), a Word document (read from its structure) or a
 * UTF-8 text file, read on this machine, as the light markdown Document Intelligence also produces.
 */
export async function extractTextOffline(bytes: Uint8Array, type: DocumentType): Promise<string> {
  switch (type.kind) {
    case 'pdf':
      return pdfStructuredText(bytes);
    case 'docx':
      return docxStructuredText(bytes);
    case 'text':
      return new TextDecoder('utf-8').decode(bytes);
    case 'image':
      throw new UnprocessableError('Images can only be read by Document Intelligence, which is not configured.');
  }
}
