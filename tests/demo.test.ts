import { runDemo, type DemoRequest } from '../scripts/demo';
import { baseUrl, dataDir } from './support/api';
import { refusals, UUID } from './support/demo-requests';

/** `npm run demo`, end to end against the suite's local host: the product's whole flow works together. */
describe('npm run demo', () => {
  it('runs from a new organisation to a verified interview score, the portal path and a practice interview, sending only what the API declares', async () => {
    const lines: string[] = [];
    const requests: DemoRequest[] = [];
    const outcome = await runDemo({
      baseUrl: baseUrl(), dataDir: dataDir(), issuerPort: Number(process.env.LOCAL_HOST_PORT),
      log: (line) => lines.push(line), write: () => undefined, onRequest: (request) => requests.push(request),
    });
    expect(outcome.turns).toBeGreaterThanOrEqual(4);
    expect(outcome.overallScore).toEqual(expect.any(Number));
    const text = lines.join('\n');
    expect(text).toMatch(/Requirements extracted \(offline\)/);
    expect(text).toMatch(/dimensions backed by quotes verified/);
    expect(text).toMatch(/invited by email before having an account, signed up \(kind candidate, no account type yet\) and chose "candidate"/);
    expect(text).toMatch(/Their portal lists 1 invitation: "Senior Backend Engineer" at Demo Recruiting/);
    expect(text).toMatch(/Started from the portal, hung up early \(candidate_hung_up\); portal feedback done: \S/);
    expect(text).toMatch(/practice feedback done: overall \d/);

    const paths = requests.map((r) => `${r.method} ${r.path.replace(new RegExp(UUID, 'g'), '{id}')}`);
    expect(paths).toEqual(expect.arrayContaining(['POST /api/job-roles/{id}/invitations', 'GET /api/candidate/invitations', 'POST /api/candidate/invitations/{id}/start', 'POST /api/interview-session/end']));
    expect(requests.flatMap(refusals)).toEqual([]);
  }, 90_000);

  it('finds what the API does not declare (the check above is not vacuous)', () => {
    expect(refusals({ method: 'POST', path: '/api/create-organisation', headers: { 'x-debug': '1' }, json: { name: 'A', owner: 'b' } })).toEqual([
      'create-organisation: header x-debug is not declared',
      expect.stringMatching(/^create-organisation: .*owner/),
    ]);
    expect(refusals({ method: 'DELETE', path: '/api/create-organisation', headers: {} })).toEqual(['DELETE /api/create-organisation: no such operation']);
  });
});
