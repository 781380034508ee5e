import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseResumeTask, type ParsedResume } from '../shared/resumes/parse-resume-task';
import { detectDocumentType } from '../shared/documents/document-type';
import { readDocumentText } from '../shared/documents/read-document';
import { CORPUS_DIR, writeCorpus, type ResumeTruth } from './eval-resumes-corpus';
import { f1, scoreParse, type Counts, type FileScore } from './eval-resumes-score';

/**
 * `npm run eval:resumes`: the offline parse of every labelled resume in tests/fixtures/resumes, scored against its
 * ground truth (see eval-resumes-score), per file and overall. Options: `--verbose` lists every miss,
 * `--json` prints the figures as JSON (the jest guard reads it), `--update-baseline` commits today's figures as
 * the baseline, `--write-corpus` regenerates the corpus first. Method and figures: docs/resumes.md.
 */
export interface EvalFigures {
  files: number;
  field_accuracy: number;
  employment_f1: number;
  education_f1: number;
  skills_f1: number;
  /** The mean of the four, in points: the figure the baseline guards. */
  overall: number;
}

const BASELINE = join(CORPUS_DIR, 'baseline.json');
const OFFLINE = {};

async function parseFile(bytes: Uint8Array): Promise<ParsedResume> {
  const type = detectDocumentType(bytes, { imagesAccepted: false });
  const { text } = await readDocumentText(OFFLINE, bytes, type);
  return parseResumeTask.schema.parse(parseResumeTask.offline({ documentText: text }));
}

const sum = (counts: Counts[]): Counts => counts.reduce((a, c) => ({ matched: a.matched + c.matched, parsed: a.parsed + c.parsed, truth: a.truth + c.truth }), { matched: 0, parsed: 0, truth: 0 });
const round = (n: number) => Math.round(n * 1000) / 1000;

function figures(scores: FileScore[]): EvalFigures {
  const fields = scores.reduce((a, s) => ({ correct: a.correct + s.fields_correct, total: a.total + s.fields_total }), { correct: 0, total: 0 });
  const field_accuracy = fields.correct / Math.max(1, fields.total);
  const employment_f1 = f1(sum(scores.map((s) => s.employment)));
  const education_f1 = f1(sum(scores.map((s) => s.education)));
  const skills_f1 = f1(sum(scores.map((s) => s.skills)));
  return {
    files: scores.length,
    field_accuracy: round(field_accuracy),
    employment_f1: round(employment_f1),
    education_f1: round(education_f1),
    skills_f1: round(skills_f1),
    overall: round(((field_accuracy + employment_f1 + education_f1 + skills_f1) / 4) * 100),
  };
}

export async function evaluateCorpus(options: { verbose?: boolean; print?: (line: string) => void } = {}): Promise<EvalFigures> {
  const print = options.print ?? (() => undefined);
  const truths = readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.truth.json')).sort();
  const scores: FileScore[] = [];
  const pct = (n: number) => `${(n * 100).toFixed(0)}%`.padStart(5);
  print(`${'file'.padEnd(34)}${'layout'.padEnd(18)}${'fields'.padStart(8)}${'jobs F1'.padStart(9)}${'edu F1'.padStart(8)}${'skills F1'.padStart(11)}${'ms'.padStart(6)}`);
  for (const name of truths) {
    const truth = JSON.parse(readFileSync(join(CORPUS_DIR, name), 'utf8')) as ResumeTruth & { file: string; layout: string };
    const started = performance.now();
    const parsed = await parseFile(readFileSync(join(CORPUS_DIR, truth.file)));
    const ms = performance.now() - started;
    const score = scoreParse(truth, parsed);
    scores.push(score);
    print(
      `${truth.file.padEnd(34)}${truth.layout.padEnd(18)}${`${score.fields_correct}/${score.fields_total}`.padStart(8)}${pct(f1(score.employment)).padStart(9)}` +
        `${pct(f1(score.education)).padStart(8)}${pct(f1(score.skills)).padStart(11)}${ms.toFixed(0).padStart(6)}`,
    );
    if (options.verbose) for (const miss of score.misses) print(`    ${miss}`);
  }
  return figures(scores);
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  if (args.has('--write-corpus')) await writeCorpus();
  const json = args.has('--json');
  const result = await evaluateCorpus({ verbose: args.has('--verbose'), print: json ? undefined : (line) => console.log(line) });
  if (json) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log(
    `\n${result.files} resumes: field accuracy ${(result.field_accuracy * 100).toFixed(1)}%, employment F1 ${result.employment_f1.toFixed(3)}, ` +
      `education F1 ${result.education_f1.toFixed(3)}, skills F1 ${result.skills_f1.toFixed(3)}; overall ${result.overall.toFixed(1)}`,
  );
  if (args.has('--update-baseline')) {
    writeFileSync(BASELINE, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`baseline written to ${BASELINE}`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
