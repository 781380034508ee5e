import { randomUUID } from 'node:crypto';
import { expectProblem, openDatabase, tokenFor, uniqueEmail } from '../support/api';
import { corruptPdf, pngImage, resumeDocx, resumePdf, resumeText, zipArchive } from '../support/documents';
import { blobNamesOf, newUser, postResume, storeBlob, uniqueIp } from './resume-helpers';

const TEN_MB = 10 * 1024 * 1024;
const db = openDatabase();
afterAll(() => db.close());

async function candidate() {
  const token = await tokenFor(uniqueEmail('refused'));
  return { token, userId: await newUser(token) };
}

/** A refused document leaves nothing behind: no profile, no rows, no stored file. */
async function expectNothingStored(userId: string) {
  expect(db.prepare('select count(*) as n from candidate_profiles where user_id = ?').get(userId)).toEqual({ n: 0 });
  expect(db.prepare('select count(*) as n from employment_history where user_id = ?').get(userId)).toEqual({ n: 0 });
  expect(await blobNamesOf(userId)).toEqual([]);
}

describe('POST /api/parse-resume refuses what it cannot read', () => {
  it('401 without a token', async () => {
    expectProblem(await postResume(undefined, { raw: Buffer.from(resumeText()) }), 401);
  });

  it('400 for an empty file, raw or multipart', async () => {
    const { token, userId } = await candidate();
    expect(expectProblem(await postResume(token, { raw: new Uint8Array(), contentType: 'application/pdf' }), 400).errors).toEqual([{ path: 'file', message: 'The file is empty' }]);
    expectProblem(await postResume(token, { file: new Uint8Array(), filename: 'cv.pdf' }), 400);
    await expectNothingStored(userId);
  });

  it('400 for a multipart body without a file part', async () => {
    const { token } = await candidate();
    const form = new FormData();
    form.append('resume', 'not a file');
    const response = await fetch(`${process.env.TALENTI_TEST_URL}/api/parse-resume`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': uniqueIp() },
      body: form,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: unknown[] }).errors).toEqual([expect.objectContaining({ path: 'file' })]);
  });

  it('413 for a file one byte over 10 MB, and for a body over the limit', async () => {
    const { token, userId } = await candidate();
    const oversize = Buffer.alloc(TEN_MB + 1, 'a');
    const raw = expectProblem(await postResume(token, { raw: oversize, contentType: 'text/plain' }), 413);
    expect(raw.detail).toMatch(/10485760 bytes/);
    expectProblem(await postResume(token, { file: oversize, filename: 'cv.txt' }), 413);
    expectProblem(await postResume(token, { raw: Buffer.alloc(TEN_MB + 256 * 1024, 'a') }), 413);
    await expectNothingStored(userId);
  });

  it('accepts a file of exactly 10 MB (as far as size goes)', async () => {
    const { token } = await candidate();
    const padded = Buffer.concat([Buffer.from(resumeText()), Buffer.alloc(TEN_MB - Buffer.byteLength(resumeText()), ' ')]);
    const response = await postResume(token, { file: padded, filename: 'cv.txt' });
    expect(response.status).toBe(200);
  }, 60_000);

  it('415 for a ZIP archive renamed .pdf, an image (no Document Intelligence here), and binary data', async () => {
    const { token, userId } = await candidate();
    const zip = zipArchive({ 'resume.txt': resumeText() });
    const detail = expectProblem(await postResume(token, { file: zip, filename: 'resume.pdf', contentType: 'application/pdf' }), 415).detail;
    expect(detail).toMatch(/ZIP archive/);
    expect(expectProblem(await postResume(token, { file: pngImage(), filename: 'cv.png', contentType: 'image/png' }), 415).detail).toMatch(/Images/);
    expectProblem(await postResume(token, { raw: Buffer.from([0x00, 0x01, 0x02, 0xfe, 0xff, 0x00, 0x10]), contentType: 'application/pdf' }), 415);
    await expectNothingStored(userId);
  });

  it('422 for a damaged PDF, a password-protected PDF and a damaged Word document', async () => {
    const { token, userId } = await candidate();
    expect(expectProblem(await postResume(token, { file: await corruptPdf() }), 422).detail).toMatch(/damaged/);
    expect(expectProblem(await postResume(token, { file: await resumePdf({ userPassword: 'secret' }) }), 422).detail).toMatch(/password/);
    const docx = resumeDocx();
    expectProblem(await postResume(token, { file: docx.subarray(0, Math.floor(docx.length / 2)), filename: 'cv.docx' }), 422);
    await expectNothingStored(userId);
  });

  it('422 for a PDF without any text (a scan)', async () => {
    const { token } = await candidate();
    const blank = await resumePdf({ blocks: [] });
    expect(expectProblem(await postResume(token, { file: blank }), 422).detail).toMatch(/No text/);
  });
});

describe('POST /api/parse-resume with {filePath}: the original path rules', () => {
  it('400 for "..", "//", a path outside your folder, or no filePath; 403 for another userId; 404 for no such file', async () => {
    const { token, userId } = await candidate();
    const other = randomUUID();
    for (const filePath of [`${userId}/../${other}/cv.pdf`, `${userId}//cv.pdf`, `${other}/cv.pdf`, 'cv.pdf', `${userId}/`]) {
      const problem = expectProblem(await postResume(token, { json: { filePath } }), 400);
      expect(problem.errors).toEqual([expect.objectContaining({ path: 'filePath' })]);
    }
    expect(expectProblem(await postResume(token, { json: {} }), 400).errors).toEqual([expect.objectContaining({ path: 'filePath' })]);
    expectProblem(await postResume(token, { json: { filePath: `${userId}/cv.pdf`, extra: true } }), 400);
    expectProblem(await postResume(token, { json: { filePath: `${other}/cv.pdf`, userId: other } }), 403);
    expectProblem(await postResume(token, { json: { filePath: `${userId}/cv-missing.pdf` } }), 404);
    expectProblem(await postResume(token, { raw: Buffer.from('{"filePath": '), contentType: 'application/json' }), 400);
  });

  it("cannot reach another user's stored file", async () => {
    const owner = await candidate();
    const intruder = await candidate();
    await storeBlob(`${owner.userId}/cv-private.txt`, Buffer.from(resumeText()));
    expectProblem(await postResume(intruder.token, { json: { filePath: `${owner.userId}/cv-private.txt` } }), 400);
    expectProblem(await postResume(intruder.token, { json: { filePath: `${owner.userId}/cv-private.txt`, userId: owner.userId } }), 403);
    expect(db.prepare('select count(*) as n from candidate_profiles where user_id = ?').get(intruder.userId)).toEqual({ n: 0 });
  });
});
