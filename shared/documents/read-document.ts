import { UnprocessableError } from '../errors';
import { documentIntelligenceFor, type DocumentSettings } from './document-intelligence';
import type { DocumentType } from './document-type';
import { readInWorker } from './document-readers';
import { assertPdfReadable } from './pdf-text';

export const TEXT_EXTRACTORS = ['document-intelligence', 'offline'] as const;

export interface DocumentText {
  text: string;
  extracted_with: (typeof TEXT_EXTRACTORS)[number];
}

/** More than any resume holds; a longer text is cut so a padded file cannot make an enormous model prompt. */
const MAX_TEXT_CHARS = 60_000;

/** Typographic ligatures some writers and fonts leave in the text, as the letters they stand for. */
const LIGATURES: Record<string, string> = { '\ufb00': 'ff', '\ufb01': 'fi', '\ufb02': 'fl', '\ufb03': 'ffi', '\ufb04': 'ffl', '\ufb05': 'st', '\ufb06': 'st' };

/**
 * Linear-time clean-up only: the text is the uploader's, so no pattern here may backtrack over long runs. Text
 * is NFC (a decomposed "e" and its accent become "é") and ligatures become letters, so values are stored as one
 * spelling whatever wrote the file.
 */
function tidy(text: string): string {
  return text
    .slice(0, MAX_TEXT_CHARS)
    .replace(/[\ufb00-\ufb06]/g, (ligature) => LIGATURES[ligature] ?? ligature)
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Whether images can be read: only Document Intelligence reads them. */
export function acceptsImages(settings: DocumentSettings): boolean {
  return documentIntelligenceFor(settings) !== null;
}

/**
 * The text of a document: Document Intelligence (markdown) when configured, else read on this machine. Plain
 * text is always read locally. A PDF is opened locally first, so an encrypted or damaged one is a 422 either way
 * and never a paid analysis. A document without readable text (a scan, offline) is a 422 too.
 */
export async function readDocumentText(settings: DocumentSettings, bytes: Uint8Array, type: DocumentType): Promise<DocumentText> {
  const reader = documentIntelligenceFor(settings);
  let result: DocumentText;
  if (reader && type.kind !== 'text') {
    if (type.kind === 'pdf') await assertPdfReadable(bytes);
    result = { text: tidy(await reader.toMarkdown(bytes, type)), extracted_with: 'document-intelligence' };
  } else {
    result = { text: tidy(type.kind === 'text' ? new TextDecoder('utf-8').decode(bytes) : await readInWorker(bytes, type)), extracted_with: 'offline' };
  }
  if (result.text.length === 0) {
    throw new UnprocessableError('No text could be read from the document (a scanned image?). Upload a file with selectable text.');
  }
  return result;
}
