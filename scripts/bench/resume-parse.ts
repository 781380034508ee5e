import { parseResumeTask } from '../../shared/resumes/parse-resume-task';
import { detectDocumentType } from '../../shared/documents/document-type';
import { pdfPageCount } from '../../shared/documents/pdf-text';
import { readDocumentText } from '../../shared/documents/read-document';
import { resumePdf, twoPageResume } from '../../tests/support/documents';
import type { BenchResult } from './index';

/**
 * Resume parse throughput on the offline path, without HTTP: one generated two-page PDF resume, its type read
 * from the bytes, its text extracted with pdf.js, and the offline rules' ParsedResume validated by the task's
 * schema, as POST /api/parse-resume does before the import.
 */
const WARM_UP_RUNS = 5;
const TIMED_RUNS = 60;
const OFFLINE = {};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function parseOnce(pdf: Buffer): Promise<void> {
  const type = detectDocumentType(pdf, { imagesAccepted: false });
  const { text } = await readDocumentText(OFFLINE, pdf, type);
  parseResumeTask.schema.parse(parseResumeTask.offline({ documentText: text }));
}

export async function benchResumeParse(): Promise<BenchResult> {
  const pdf = await resumePdf({ blocks: twoPageResume() });
  const pages = await pdfPageCount(pdf);
  if (pages !== 2) throw new Error(`the benchmark resume has ${pages} pages, not 2`);
  for (let i = 0; i < WARM_UP_RUNS; i++) await parseOnce(pdf);
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < TIMED_RUNS; i++) {
    const t = performance.now();
    await parseOnce(pdf);
    times.push(performance.now() - t);
  }
  const total = performance.now() - started;
  times.sort((a, b) => a - b);
  return {
    name: 'resume-parse (2-page PDF, offline)',
    ops_per_second: (TIMED_RUNS * 1000) / total,
    p50_ms: percentile(times, 50),
    p99_ms: percentile(times, 99),
  };
}
