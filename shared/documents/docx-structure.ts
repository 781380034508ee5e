import { UnprocessableError } from '../errors';
import { readZipDirectory, readZipEntry, ZipEntryTooLargeError } from './zip-entries';

/**
 * A Word document read from its structure rather than flattened: paragraph styles (title, headings), list items,
 * and tables row by row with one line per cell paragraph, written as the same light markdown the PDF layout and
 * Document Intelligence produce ("# " title, "## " heading, "- " list item, a blank line between table rows).
 * Headers and footers are separate parts and are not read, so they never land inside an entry.
 */
/** Far more than any resume's document.xml (a long one is ~300 KB); a part that expands beyond is a bomb. */
export const MAX_DOCX_PART_BYTES = 8 * 1024 * 1024;

const DAMAGED = 'The Word document is damaged and cannot be read. Export it again and upload the new file.';
const TOO_LARGE = 'The Word document expands to more than a resume could hold and was not read.';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,4});/gi, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function attribute(attributes: string, name: string): string | null {
  const match = new RegExp(`\\b${name}="([^"]*)"`).exec(attributes);
  return match?.[1] !== undefined ? decodeEntities(match[1]) : null;
}

/** Tags and the text between them; every pattern here is linear (no nested quantifiers). */
const TOKEN = /<(\/?)([A-Za-z][\w.:-]*)([^>]*?)(\/?)>|([^<]+)/g;

/** Style id → style name ("Heading1" → "heading 1"), from word/styles.xml. */
function styleNames(xml: string): Map<string, string> {
  const names = new Map<string, string>();
  let current: string | null = null;
  for (const match of xml.matchAll(TOKEN)) {
    const [, closing, tag, attributes = ''] = match;
    if (tag === 'w:style' && !closing) current = attribute(attributes, 'w:styleId');
    else if (tag === 'w:name' && current) names.set(current, (attribute(attributes, 'w:val') ?? '').toLowerCase());
    else if (tag === 'w:style' && closing) current = null;
  }
  return names;
}

interface Paragraph {
  style: string;
  listed: boolean;
  text: string;
  /** Characters in bold runs, to tell a heading typed as bold text from body text. */
  bold: number;
  runBold: boolean;
}

function paragraphLine(paragraph: Paragraph, styles: Map<string, string>): string[] {
  const style = styles.get(paragraph.style) ?? paragraph.style.toLowerCase();
  return paragraph.text
    .split('\n')
    .map((part) => part.replace(/[ \u00a0]{3,}/g, '   ').replace(/(\S)[ \u00a0]{1,2}(?=\S)/g, '$1 ').trim())
    .filter(Boolean)
    .map((text) => {
      if (/^title$/.test(style)) return `# ${text}`;
      if (/^heading \d$|^heading\d$/.test(style)) return `## ${text}`;
      if (paragraph.listed || /^list/.test(style)) return `- ${text}`;
      const allBold = paragraph.bold >= paragraph.text.replace(/\s/g, '').length;
      if (allBold && text.length <= 40 && text === text.toUpperCase() && /\p{Lu}/u.test(text)) return `## ${text}`;
      return text;
    });
}

/** Skipped wholly: field codes, deleted text, and the fallback copy of content that also appears as its choice. */
const SKIPPED = new Set(['w:instrText', 'w:delText', 'mc:Fallback', 'w:rPr']);

function documentLines(xml: string, styles: Map<string, string>): string[] {
  const lines: string[] = [];
  const open: Paragraph[] = [];
  let skipping = 0;
  let skippedTag = '';
  let inText = false;
  let tableDepth = 0;
  const emit = (paragraph: Paragraph) => lines.push(...paragraphLine(paragraph, styles));
  for (const match of xml.matchAll(TOKEN)) {
    const [, closing, tag, attributes = '', selfClosing, text] = match;
    const paragraph = open.at(-1);
    if (text !== undefined) {
      if (inText && !skipping && paragraph) {
        const decoded = decodeEntities(text);
        paragraph.text += decoded;
        if (paragraph.runBold) paragraph.bold += decoded.replace(/\s/g, '').length;
      }
      continue;
    }
    if (skipping) {
      if (tag === skippedTag) skipping += closing ? -1 : selfClosing ? 0 : 1;
      continue;
    }
    if (SKIPPED.has(tag ?? '') && !closing && !selfClosing) {
      // Bold is read from the run properties before they are skipped.
      if (tag === 'w:rPr') {
        const end = xml.indexOf('</w:rPr>', match.index);
        const properties = xml.slice(match.index, end < 0 ? undefined : end);
        if (paragraph) paragraph.runBold = /<w:b(?:\s+w:val="(?:1|true|on)")?\s*\/>/.test(properties);
      }
      skipping = 1;
      skippedTag = tag ?? '';
      continue;
    }
    switch (tag) {
      case 'w:p':
        if (selfClosing) break;
        if (closing) {
          const done = open.pop();
          if (done) emit(done);
        } else open.push({ style: '', listed: false, text: '', bold: 0, runBold: false });
        break;
      case 'w:r':
        if (paragraph && !closing) paragraph.runBold = false;
        break;
      case 'w:pStyle':
        if (paragraph) paragraph.style = attribute(attributes, 'w:val') ?? '';
        break;
      case 'w:numPr':
        if (paragraph) paragraph.listed = true;
        break;
      case 'w:t':
        inText = !closing && !selfClosing;
        break;
      case 'w:tab':
        if (paragraph && !closing) paragraph.text += '   ';
        break;
      case 'w:br':
      case 'w:cr':
        if (paragraph && !closing) paragraph.text += '\n';
        break;
      case 'w:tbl':
        tableDepth += closing ? -1 : 1;
        if (tableDepth === 0 || !closing) lines.push('');
        break;
      case 'w:tr':
        if (closing && tableDepth === 1) lines.push('');
        break;
      default:
        break;
    }
  }
  return lines;
}

function part(bytes: Uint8Array, name: string, entries: NonNullable<ReturnType<typeof readZipDirectory>>): string | null {
  const entry = entries.find((e) => e.name === name);
  if (!entry) return null;
  let data: Uint8Array | null;
  try {
    data = readZipEntry(bytes, entry, MAX_DOCX_PART_BYTES);
  } catch (error) {
    if (error instanceof ZipEntryTooLargeError) throw new UnprocessableError(TOO_LARGE);
    throw error;
  }
  if (!data) throw new UnprocessableError(DAMAGED);
  return new TextDecoder('utf-8').decode(data);
}

/** The document's text as structured lines (see above). */
export function docxStructuredText(bytes: Uint8Array): string {
  const entries = readZipDirectory(bytes);
  if (!entries) throw new UnprocessableError(DAMAGED);
  const body = part(bytes, 'word/document.xml', entries);
  if (body === null) throw new UnprocessableError(DAMAGED);
  const styles = styleNames(part(bytes, 'word/styles.xml', entries) ?? '');
  return documentLines(body, styles).join('\n');
}
