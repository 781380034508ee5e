/**
 * Reading order for a PDF's positioned text (pdf.js text items): lines rebuilt from baselines, columns and
 * sidebars read one after the other, letter-spaced headings joined, page headers and footers that repeat on
 * every page dropped (wherever they cut an entry), and words hyphenated across lines repaired. The result is the
 * light markdown every reader here produces: "# " for the document's title line, "## " for headings drawn larger
 * or in bold capitals, one line per printed line, wide gaps on a line kept as three spaces.
 */
export interface PositionedText {
  text: string;
  /** Left edge and baseline, in points from the page's top-left corner. */
  x: number;
  y: number;
  width: number;
  size: number;
  bold: boolean;
}

export interface PositionedPage {
  width: number;
  height: number;
  items: PositionedText[];
}

interface Line {
  text: string;
  x: number;
  y: number;
  size: number;
  bold: boolean;
}

/** Top and bottom share of the page where running headers and footers sit. */
const MARGIN_SHARE = 0.09;
const PAGE_NUMBER = /^(page\s*)?\d{1,3}(\s*(of|\/)\s*\d{1,3})?$/i;
const GUTTER_STEP = 2;
const MIN_COLUMN_ITEMS = 4;

/** "E X P E R I E N C E", "P RO F I L E", "W O R K   H I S T O R Y" → "EXPERIENCE", "PROFILE", "WORK HISTORY". */
export function joinLetterSpacing(text: string): string {
  const words = text.trim().split(/\s{2,}/);
  const spaced = (word: string) => {
    const pieces = word.split(' ');
    return pieces.length >= 3 && pieces.every((p) => p.length <= 2 && /^[\p{Lu}&]+$/u.test(p)) && pieces.filter((p) => p.length === 1).length >= pieces.length / 2;
  };
  if (!words.every(spaced)) return text;
  return words.map((w) => w.replace(/ /g, '')).join(' ');
}

function buildLines(items: PositionedText[]): Line[] {
  const sorted = [...items].sort((a, b) => a.y - b.y || a.x - b.x);
  const rows: PositionedText[][] = [];
  for (const item of sorted) {
    const row = rows.at(-1);
    const first = row?.[0];
    if (row && first && Math.abs(first.y - item.y) <= Math.min(first.size, item.size) * 0.45) row.push(item);
    else rows.push([item]);
  }
  return rows.map((row) => {
    row.sort((a, b) => a.x - b.x);
    let text = '';
    let end = Number.NEGATIVE_INFINITY;
    for (const item of row) {
      const gap = item.x - end;
      if (text) text += gap > item.size * 1.2 ? '   ' : gap > item.size * 0.12 && !text.endsWith(' ') && !item.text.startsWith(' ') ? ' ' : '';
      text += item.text;
      end = Math.max(end, item.x + item.width);
    }
    const chars = (i: PositionedText) => i.text.replace(/\s/g, '').length;
    const size = Math.max(...row.map((i) => i.size));
    const bold = row.every((i) => i.bold || chars(i) === 0);
    return { text: text.replace(/\s+$/, ''), x: row[0]?.x ?? 0, y: row[0]?.y ?? 0, size, bold };
  });
}

const DATE_LIKE = /\d{4}|present|current|now|today/i;

/**
 * The x of a vertical gutter between two columns, or null for a single column. A gutter is an empty vertical
 * strip with text on both sides that few lines cross (a name or contact line above the columns may), and whose
 * right side is not just dates (right-aligned dates beside job titles are one column with a tab stop).
 */
function findGutter(page: PositionedPage): number | null {
  const items = page.items;
  let best: { x: number; score: number } | null = null;
  let run: number[] = [];
  const consider = () => {
    const x = run[Math.floor(run.length / 2)];
    run = [];
    if (x === undefined) return;
    const left = items.filter((i) => i.x + i.width <= x);
    const right = items.filter((i) => i.x >= x);
    const dates = right.filter((i) => DATE_LIKE.test(i.text) && i.text.split(' ').length <= 5).length;
    const score = Math.min(left.length, right.length);
    const columns = left.length >= MIN_COLUMN_ITEMS && right.length >= MIN_COLUMN_ITEMS && dates <= right.length * 0.4;
    if (columns && (!best || score > best.score)) best = { x, score };
  };
  for (let x = page.width * 0.15; x <= page.width * 0.85; x += GUTTER_STEP) {
    const blocked = items.filter((i) => i.x < x && i.x + i.width > x).length;
    if (blocked <= items.length * 0.1 && items.some((i) => i.x + i.width <= x) && items.some((i) => i.x >= x)) run.push(x);
    else consider();
  }
  consider();
  return best === null ? null : (best as { x: number }).x;
}

/** A page's lines in reading order: spanning lines where they fall, and between them the left column, then the right. */
function pageLines(page: PositionedPage): Line[] {
  const gutter = findGutter(page);
  if (gutter === null) return buildLines(page.items);
  const crossing = page.items.filter((i) => i.x < gutter && i.x + i.width > gutter);
  const spanningRows = new Set(crossing.map((i) => Math.round(i.y)));
  const isSpanning = (i: PositionedText) => [...spanningRows].some((y) => Math.abs(y - i.y) < 1.5);
  const ordered: Line[] = [];
  let band: PositionedText[] = [];
  const flush = () => {
    ordered.push(...buildLines(band.filter((i) => i.x + i.width <= gutter + 1)), ...buildLines(band.filter((i) => i.x + i.width > gutter + 1)));
    band = [];
  };
  const sorted = [...page.items].sort((a, b) => a.y - b.y || a.x - b.x);
  for (let i = 0; i < sorted.length; i++) {
    const item = sorted[i];
    if (!item) continue;
    if (!isSpanning(item)) {
      band.push(item);
      continue;
    }
    flush();
    const row = [item];
    while (sorted[i + 1] && isSpanning(sorted[i + 1] as PositionedText) && Math.abs((sorted[i + 1] as PositionedText).y - item.y) < 1.5) row.push(sorted[++i] as PositionedText);
    ordered.push(...buildLines(row));
  }
  flush();
  return ordered;
}

const runningKey = (text: string) => text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();

/** Lines in the top or bottom margin whose text (numbers aside) recurs on another page, small print there, and page numbers. */
function runningLines(pages: PositionedPage[], lines: Line[][], body: number): Set<Line> {
  const inMargin = (line: Line, page: PositionedPage) => line.y < page.height * MARGIN_SHARE || line.y > page.height * (1 - MARGIN_SHARE);
  const pagesWith = new Map<string, Set<number>>();
  lines.forEach((pageLines, n) => {
    const page = pages[n];
    if (!page) return;
    for (const line of pageLines) {
      if (!inMargin(line, page)) continue;
      const key = runningKey(line.text);
      pagesWith.set(key, (pagesWith.get(key) ?? new Set()).add(n));
    }
  });
  const dropped = new Set<Line>();
  lines.forEach((pageLines, n) => {
    const page = pages[n];
    if (!page) return;
    for (const line of pageLines) {
      if (!inMargin(line, page)) continue;
      const repeated = (pagesWith.get(runningKey(line.text))?.size ?? 0) >= 2;
      // The first page's top line that recurs is usually the name itself: kept once.
      const isFirstTitle = n === 0 && line.y < page.height * MARGIN_SHARE;
      // Set smaller than the body, at the top of a later page or the foot of any: a running header or footer.
      const small = line.size < body * 0.95 && (n > 0 || line.y > page.height / 2);
      if (PAGE_NUMBER.test(line.text.trim()) || (repeated && !isFirstTitle) || small) dropped.add(line);
    }
  });
  return dropped;
}

/** "manage-" at a line's end and "ment of…" starting the next: one word again. */
function repairHyphenation(lines: string[]): string[] {
  const repaired: string[] = [];
  for (const line of lines) {
    const previous = repaired.at(-1);
    if (previous !== undefined && /\p{Ll}-$/u.test(previous) && /^\p{Ll}/u.test(line)) repaired[repaired.length - 1] = previous.slice(0, -1) + line;
    else repaired.push(line);
  }
  return repaired;
}

/** The size most of the text is set in. */
function bodySize(lines: Line[]): number {
  const weight = new Map<number, number>();
  for (const line of lines) {
    const size = Math.round(line.size * 2) / 2;
    weight.set(size, (weight.get(size) ?? 0) + line.text.length);
  }
  return [...weight].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
}

function looksLikeHeading(text: string): boolean {
  return text.length <= 40 && text.split(' ').length <= 5 && !/\d{4}|@|[.;]$/.test(text);
}

/** The positioned pages as reading-order lines of light markdown. */
export function layoutPages(pages: PositionedPage[]): string {
  const perPage = pages.map(pageLines);
  const body = bodySize(perPage.flat());
  const dropped = runningLines(pages, perPage, body);
  const lines = perPage.flat().filter((line) => !dropped.has(line) && line.text.trim());
  const title = perPage[0]?.filter((l) => !dropped.has(l)).slice(0, 6).reduce<Line | null>((big, l) => (!big || l.size > big.size ? l : big), null);
  const out = lines.map((line) => {
    const joined = joinLetterSpacing(line.text);
    const text = joined.replace(/^\s+/, '');
    if (line === title && line.size >= body * 1.4) return `# ${text}`;
    const styled = line.size >= body * 1.2 || (line.bold && text === text.toUpperCase() && /\p{Lu}{2}/u.test(text)) || joined !== line.text;
    return styled && looksLikeHeading(text) ? `## ${text}` : text;
  });
  return repairHyphenation(out).join('\n');
}
