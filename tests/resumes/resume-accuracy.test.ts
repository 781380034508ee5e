import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The accuracy guard: the offline parse of the labelled corpus (npm run eval:resumes, run here from dist/ as its
 * own process, since pdf.js is an ES module) may not fall more than 2 points below the committed baseline, and
 * stays at the targets.
 */
interface Figures {
  files: number;
  field_accuracy: number;
  employment_f1: number;
  education_f1: number;
  skills_f1: number;
  overall: number;
}

const ROOT = join(__dirname, '..', '..');

describe('resume parsing accuracy on the labelled corpus (offline path)', () => {
  it('holds the committed baseline within 2 points, and the targets', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'scripts', 'eval-resumes.js'), '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const figures = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Figures;
    const baseline = JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'resumes', 'baseline.json'), 'utf8')) as Figures;
    expect(figures.files).toBeGreaterThanOrEqual(30);
    expect(figures.files).toBe(baseline.files);
    expect(figures.overall).toBeGreaterThanOrEqual(baseline.overall - 2);
    expect(figures.field_accuracy).toBeGreaterThanOrEqual(0.9);
    expect(figures.employment_f1).toBeGreaterThanOrEqual(0.9);
    expect(figures.education_f1).toBeGreaterThanOrEqual(0.9);
    expect(figures.skills_f1).toBeGreaterThanOrEqual(0.85);
  }, 150_000);
});
