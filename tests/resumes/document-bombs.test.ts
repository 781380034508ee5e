import { expectProblem, openDatabase, tokenFor, uniqueEmail } from '../support/api';
import { deflatedZipArchive, pdfWithGiantStream, resumeDocx } from '../support/documents';
import { blobNamesOf, newUser, postResume } from './resume-helpers';

/**
 * Hostile documents fail alone (issue 17): decompression bombs are refused with 422 after bounded work, in a
 * reader thread off the host's event loop, while the host keeps answering health checks within a second.
 */
const MB = 1024 * 1024;
const db = openDatabase();
afterAll(() => db.close());

const wordBomb = (documentXml: Buffer, declaredSize?: number) =>
  deflatedZipArchive([
    { name: '[Content_Types].xml', content: Buffer.from('<?xml version="1.0"?><Types/>') },
    { name: 'word/document.xml', content: documentXml, declaredSize },
  ]);

/** Health answers (and how long each took) for as long as `work` runs. */
async function healthWhile<T>(work: Promise<T>): Promise<{ result: T; latencies: number[]; statuses: number[] }> {
  const latencies: number[] = [];
  const statuses: number[] = [];
  let done = false;
  const polling = (async () => {
    while (!done) {
      const started = performance.now();
      const response = await fetch(`${process.env.TALENTI_TEST_URL}/api/health`);
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      statuses.push(response.status);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const result = await work.finally(() => {
    done = true;
  });
  await polling;
  return { result, latencies, statuses };
}

describe('parse-resume with decompression bombs', () => {
  it('refuses each bomb with 422, stores nothing, and the host keeps answering within a second', async () => {
    const token = await tokenFor(uniqueEmail('bombs'));
    const userId = await newUser(token);
    // A document.xml of 200 MB of spaces: some 200 KB compressed.
    const huge = Buffer.alloc(200 * MB, ' ');
    const bombs = {
      declared: wordBomb(huge),
      understated: wordBomb(huge, 4096),
      pdf: pdfWithGiantStream(300 * MB),
    };
    for (const bomb of Object.values(bombs)) expect(bomb.length).toBeLessThan(2 * MB);

    const { result, latencies, statuses } = await healthWhile(
      Promise.all(Object.values(bombs).map((bomb) => postResume(token, { raw: bomb, contentType: 'application/octet-stream' }))),
    );
    for (const response of result) expect(expectProblem(response, 422).detail).toMatch(/expands to more than a resume/);
    expect(latencies.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(Math.max(...latencies)).toBeLessThan(1000);

    expect(db.prepare('select count(*) as n from candidate_profiles where user_id = ?').get(userId)).toEqual({ n: 0 });
    expect(await blobNamesOf(userId)).toEqual([]);
    // The readers are still there for honest documents.
    expect((await postResume(token, { raw: resumeDocx(), contentType: 'application/octet-stream' })).status).toBe(200);
  }, 120_000);
});
