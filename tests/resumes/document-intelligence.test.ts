import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signDevToken, type DevKeys } from '../../shared/auth/dev-issuer';
import { devIssuerFor } from '../../shared/config/settings';
import { expectProblem } from '../support/api';
import { pngImage, resumeDocx, resumePdf, resumeText } from '../support/documents';
import { startFakeDocumentIntelligence, type FakeDocumentIntelligence } from '../support/fakes/document-intelligence';
import { freePort, startHostProcess, type HostProcess } from '../support/processes';
import { blobNamesOf, postResume, uniqueIp } from './resume-helpers';

/** What prebuilt-layout answers for a resume: markdown headings, paragraphs, lists, page-break comments. */
const LAYOUT_MARKDOWN = [
  '# Noah Williams',
  '',
  'Data Analyst',
  '',
  'noah.williams@example.com | 0423 456 789 | Melbourne VIC 3000',
  '',
  '## Experience',
  '',
  'Data Analyst | Telstra | Melbourne VIC',
  '',
  'July 2019 – Present',
  '',
  '- Built Power BI dashboards for the network operations team.',
  '',
  '<!-- PageBreak -->',
  '',
  '## Education',
  '',
  'Bachelor of Commerce (Accounting), Monash University, 2014 – 2017',
  '',
  '## Skills',
  '',
  'SQL, Power BI, Python, Stakeholder management',
].join('\n');

interface ParseResponse {
  data: { personal: Record<string, unknown>; employment: Array<Record<string, unknown>>; education: Array<Record<string, unknown>>; skills: Array<{ skill_name: string }> };
  document_type: string;
  extracted_with: string;
  cv_file_path: string;
}

/**
 * A second host with DOCUMENT_INTELLIGENCE_ENDPOINT pointed at a fake service speaking the real protocol, so the
 * real client, its polling and our error mapping run end to end. It also keeps the production rate limits.
 */
describe('POST /api/parse-resume through Document Intelligence (fake service)', () => {
  let fake: FakeDocumentIntelligence;
  let host: HostProcess;
  let keys: DevKeys;
  let port: number;
  let azuritePort: number;

  const signIn = async (email: string) => signDevToken(keys, devIssuerFor(port), { email });
  const userIdOf = async (token: string) =>
    ((await (await fetch(`${host.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as { user: { id: string } }).user.id;
  let n = 0;
  const candidate = async () => {
    const token = await signIn(`di-candidate-${++n}-${Date.now()}@example.com`);
    return { token, userId: await userIdOf(token) };
  };

  beforeAll(async () => {
    fake = await startFakeDocumentIntelligence();
    fake.setDefault({ type: 'succeed', content: LAYOUT_MARKDOWN, runningPolls: 1 });
    const dataDir = mkdtempSync(join(tmpdir(), 'talenti-di-'));
    port = await freePort();
    azuritePort = await freePort();
    host = await startHostProcess(
      {
        DATA_DIR: dataDir,
        LOCAL_HOST_PORT: String(port),
        AZURITE_BLOB_PORT: String(azuritePort),
        DOCUMENT_INTELLIGENCE_ENDPOINT: fake.url,
        DOCUMENT_INTELLIGENCE_API_KEY: fake.key,
        // The production limits, not the suite host's lifted ones.
        RATE_LIMITS: '',
      },
      join(dataDir, 'host.log'),
    );
    keys = JSON.parse(readFileSync(join(dataDir, 'dev-issuer', 'signing-key.json'), 'utf8')) as DevKeys;
  }, 90_000);

  afterAll(async () => {
    await host.stop();
    await fake.close();
  });

  const post = (token: string | undefined, body: Parameters<typeof postResume>[1], ip?: string) =>
    postResume<ParseResponse>(token, body, { url: host.url, ip });

  it('sends the bytes to prebuilt-layout for markdown, polls the operation, and parses the markdown', async () => {
    const { token, userId } = await candidate();
    const pdf = await resumePdf();
    const before = { submissions: fake.submissions.length, polls: fake.polls.length };
    const response = await post(token, { file: pdf });
    expect(response.status).toBe(200);

    expect(fake.submissions).toHaveLength(before.submissions + 1);
    const submission = fake.submissions.at(-1);
    expect(submission).toMatchObject({
      path: '/documentintelligence/documentModels/prebuilt-layout:analyze',
      query: { 'api-version': '2024-11-30', outputContentFormat: 'markdown' },
    });
    expect(submission?.headers['content-type']).toBe('application/pdf');
    expect(submission?.headers['ocp-apim-subscription-key']).toBe(fake.key);
    expect(submission?.body.equals(pdf)).toBe(true);
    // One "running" answer, then "succeeded".
    expect(fake.polls.length - before.polls).toBe(2);

    expect(response.body).toMatchObject({ extracted_with: 'document-intelligence', document_type: 'pdf' });
    expect(response.body.data.personal).toMatchObject({
      first_name: 'Noah', last_name: 'Williams', email: 'noah.williams@example.com', phone: '0423 456 789',
      location: { suburb: 'Melbourne', state: 'VIC', postcode: '3000', country: 'Australia' },
    });
    expect(response.body.data.employment).toEqual([
      expect.objectContaining({ job_title: 'Data Analyst', company_name: 'Telstra', start_date: '2019-07-01', end_date: null, is_current: true }),
    ]);
    expect(response.body.data.education).toEqual([
      expect.objectContaining({ institution: 'Monash University', degree: 'Bachelor of Commerce (Accounting)', field_of_study: 'Accounting' }),
    ]);
    expect(response.body.data.skills.map((s) => s.skill_name)).toEqual(['SQL', 'Power BI', 'Python', 'Stakeholder management']);
    expect(await blobNamesOf(userId, azuritePort)).toEqual([response.body.cv_file_path]);
  });

  it('reads images and Word documents through the service, with their real content types', async () => {
    const { token } = await candidate();
    const image = await post(token, { file: pngImage(), filename: 'cv.png', contentType: 'image/png' });
    expect(image.status).toBe(200);
    expect(image.body).toMatchObject({ document_type: 'image', extracted_with: 'document-intelligence', cv_file_path: expect.stringMatching(/\.png$/) });
    expect(fake.submissions.at(-1)?.headers['content-type']).toBe('image/png');

    const docx = await post(token, { raw: resumeDocx(), contentType: 'application/pdf' });
    expect(docx.status).toBe(200);
    expect(docx.body.document_type).toBe('docx');
    expect(fake.submissions.at(-1)?.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  it('reads plain text itself, and refuses an encrypted PDF before any paid analysis', async () => {
    const { token, userId } = await candidate();
    const before = fake.submissions.length;
    const text = await post(token, { raw: Buffer.from(resumeText()), contentType: 'text/plain' });
    expect(text.status).toBe(200);
    expect(text.body).toMatchObject({ extracted_with: 'offline', data: { personal: { first_name: 'Olivia' } } });
    expect(expectProblem(await post(token, { file: await resumePdf({ userPassword: 'secret' }) }), 422).detail).toMatch(/password/);
    expect(fake.submissions.length).toBe(before);
    expect(await blobNamesOf(userId, azuritePort)).toEqual([text.body.cv_file_path]);
  });

  it('maps what the service says: unreadable content 422, a failed analysis 502, throttling 503 with Retry-After', async () => {
    const { token, userId } = await candidate();
    fake.enqueue({ type: 'refuse', status: 400, code: 'InvalidRequest', innerCode: 'InvalidContent' });
    expect(expectProblem(await post(token, { file: pngImage() }), 422).detail).toMatch(/could not read/);

    fake.enqueue({ type: 'fail', code: 'InternalServerError', runningPolls: 1 });
    expectProblem(await post(token, { file: pngImage() }), 502);

    // The client retries throttled submissions itself (three times); the last Retry-After is passed on.
    fake.enqueue(
      { type: 'refuse', status: 429, code: '429', retryAfterSeconds: 0 },
      { type: 'refuse', status: 429, code: '429', retryAfterSeconds: 0 },
      { type: 'refuse', status: 429, code: '429', retryAfterSeconds: 0 },
      { type: 'refuse', status: 429, code: '429', retryAfterSeconds: 7 },
    );
    const throttled = await post(token, { file: pngImage() });
    expectProblem(throttled, 503);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect(await blobNamesOf(userId, azuritePort)).toEqual([]);
  }, 60_000);

  it('keeps the original limit of 5 calls a minute per user and per IP address', async () => {
    const { token, userId } = await candidate();
    await awayFromWindowEdge();
    const byUser: number[] = [];
    for (let i = 0; i < 6; i++) byUser.push((await post(token, { json: { filePath: `${userId}/cv-none-${i}.pdf` } })).status);
    expect(byUser).toEqual([404, 404, 404, 404, 404, 429]);

    const ip = uniqueIp();
    const byIp = await Promise.all(Array.from({ length: 6 }, () => post(undefined, { raw: Buffer.from('x') }, ip)));
    expect(byIp.map((c) => c.status).sort()).toEqual([401, 401, 401, 401, 401, 429]);
    expect(byIp.find((c) => c.status === 429)?.headers.get('retry-after')).toMatch(/^\d+$/);
  }, 30_000);
});

/** The limiter counts in fixed windows on the minute; a burst starts well inside one. */
async function awayFromWindowEdge(): Promise<void> {
  const left = 60 - ((Date.now() / 1000) % 60);
  if (left < 5) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 200));
}
