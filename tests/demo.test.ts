import { httpFunctions } from '../functions/catalogue';
import { runDemo, type DemoRequest } from '../scripts/demo';
import { baseUrl, dataDir } from './support/api';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** Every client sends these; the document declares them as the security scheme and the request body's media type. */
const ALWAYS_ALLOWED = new Set(['authorization', 'content-type']);

/** What the API's own definitions (the OpenAPI document's source) say about one request: empty when it is allowed. */
function refusals(request: DemoRequest): string[] {
  const definition = httpFunctions().find(
    (d) => !d.hidden && d.methods.includes(request.method as never) && new RegExp(`^/api/${d.route.replace(/\{(\w+):guid\}/g, UUID).replace(/\{\w+\}/g, '[^/]+')}$`).test(request.path),
  );
  if (!definition) return [`${request.method} ${request.path}: no such operation`];
  const problems: string[] = [];
  const statuses = Object.keys(definition.responses).map(Number);
  const declared = new Set([
    ...ALWAYS_ALLOWED,
    ...Object.keys(definition.requestHeaders ?? {}).map((name) => name.toLowerCase()),
    ...(statuses.includes(412) || statuses.includes(428) ? ['if-match'] : []),
  ]);
  for (const header of Object.keys(request.headers)) if (!declared.has(header.toLowerCase())) problems.push(`${definition.name}: header ${header} is not declared`);
  if (request.json !== undefined) {
    const schema = definition.body ?? definition.rawBodyContent?.['application/json']?.schema;
    if (!schema) problems.push(`${definition.name}: takes no JSON body`);
    else for (const issue of schema.safeParse(request.json).error?.issues ?? []) problems.push(`${definition.name}: ${issue.path.join('.')} ${issue.message}`);
  } else if (definition.body) problems.push(`${definition.name}: its body is required`);
  return problems;
}

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
