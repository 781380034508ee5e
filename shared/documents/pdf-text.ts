import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import { UnprocessableError } from '../errors';
import { layoutPages, type PositionedPage } from './pdf-layout';
import { assertPdfStreamsBounded } from './pdf-streams';

/** Resumes are a few pages; a longer PDF is read only this far, which bounds the work an upload can cause. */
export const MAX_PDF_PAGES = 20;
/** Text past this is not read: more than any resume holds (the reader cuts the text there anyway). */
const MAX_PDF_TEXT_CHARS = 60_000;
/** Images are decoded only to learn the page's fonts; a larger one is skipped rather than inflated. */
const MAX_IMAGE_PIXELS = 4096 * 4096;
const PASSWORD_PROTECTED = 'The PDF is password-protected. Remove the password and upload it again.';
const DAMAGED = 'The PDF is damaged and cannot be read. Export it again and upload the new file.';

function isPasswordError(error: unknown): boolean {
  return error instanceof Error && error.name === 'PasswordException';
}

/** pdf.js is large and an ES module: loaded when the first PDF is read, not when the app starts. */
let pdfjs: Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | null = null;

async function withPdf<T>(bytes: Uint8Array, read: (pdf: PDFDocumentProxy) => Promise<T>): Promise<T> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const { getDocument } = await pdfjs;
  // pdf.js takes over the buffer it is given; the caller's bytes are still needed (hash, upload).
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, useSystemFonts: false, disableFontFace: true, stopAtErrors: false, maxImageSize: MAX_IMAGE_PIXELS });
  try {
    return await read(await task.promise);
  } catch (error) {
    if (isPasswordError(error)) throw new UnprocessableError(PASSWORD_PROTECTED);
    if (error instanceof UnprocessableError) throw error;
    throw new UnprocessableError(DAMAGED);
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

/** Opens a PDF without reading its text: 422 when it is encrypted with a password or damaged. */
export async function assertPdfReadable(bytes: Uint8Array): Promise<void> {
  await withPdf(bytes, async (pdf) => void (await pdf.getMetadata()));
}

export async function pdfPageCount(bytes: Uint8Array): Promise<number> {
  return withPdf(bytes, async (pdf) => pdf.numPages);
}

const isTextItem = (item: object): item is TextItem => 'str' in item;

/** The positioned text of the first pages: position, size and weight of every text item. */
async function positionedPages(pdf: PDFDocumentProxy): Promise<PositionedPage[]> {
  const pages: PositionedPage[] = [];
  let chars = 0;
  for (let n = 1; n <= Math.min(pdf.numPages, MAX_PDF_PAGES) && chars < MAX_PDF_TEXT_CHARS; n++) {
    const page = await pdf.getPage(n);
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    // Font objects (and with them bold) reach this side only once the page's operators were read.
    await page.getOperatorList();
    const boldFonts = new Set<string>();
    for (const name of Object.keys(content.styles)) {
      if (!page.commonObjs.has(name)) continue;
      const font: unknown = page.commonObjs.get(name);
      if (typeof font === 'object' && font !== null && 'name' in font && /bold|black|heavy|semibold/i.test(String(font.name))) boldFonts.add(name);
    }
    const items = content.items.filter(isTextItem).filter((item) => item.str.trim().length > 0).map((item) => {
      const [a = 0, b = 0, , , e = 0, f = 0] = item.transform as number[];
      return { text: item.str, x: e, y: viewport.height - f, width: item.width, size: Math.hypot(a, b) || item.height, bold: boldFonts.has(item.fontName) };
    });
    chars += items.reduce((sum, item) => sum + item.text.length, 0);
    pages.push({ width: viewport.width, height: viewport.height, items });
    page.cleanup();
  }
  return pages;
}

/** A PDF's text in reading order (see pdf-layout), once its compressed streams are known to be bounded. */
export async function pdfStructuredText(bytes: Uint8Array): Promise<string> {
  assertPdfStreamsBounded(bytes);
  return withPdf(bytes, async (pdf) => layoutPages(await positionedPages(pdf)));
}
