import { httpFunctions } from '../../functions/catalogue';
import { OPENAPI_EXAMPLES } from '../../shared/http/openapi-examples';
import { api } from '../support/api';

type Media = { example?: unknown };
type Doc = {
  paths: Record<string, Record<string, { operationId: string; requestBody?: { content: Record<string, Media> }; responses: Record<string, { content?: Record<string, Media> }> }>>;
};

const definitions = new Map(httpFunctions().map((definition) => [definition.name, definition]));

describe('examples in the OpenAPI document', () => {
  it.each(Object.entries(OPENAPI_EXAMPLES))('%s: every example is valid for its own request and response schemas', (name, examples) => {
    const definition = definitions.get(name);
    expect(definition).toBeDefined();
    if (!definition) return;
    if (examples.request !== undefined) {
      expect(definition.body).toBeDefined();
      const parsed = definition.body?.safeParse(examples.request);
      expect(parsed?.error?.issues ?? []).toEqual([]);
    }
    for (const [type, example] of Object.entries(examples.rawRequest ?? {})) {
      const spec = definition.rawBodyContent?.[type];
      expect(spec?.schema).toBeDefined();
      expect(spec?.schema?.safeParse(example).error?.issues ?? []).toEqual([]);
    }
    for (const [status, example] of Object.entries(examples.responses ?? {})) {
      const schema = definition.responses[Number(status)]?.schema;
      expect(schema).toBeDefined();
      // Parsing drops keys a schema does not know: an example with a stray or misspelt field would not come back equal.
      expect(schema?.parse(example)).toEqual(example);
    }
  });

  it('covers the main operations and serves each example in the document', async () => {
    const { body } = await api<Doc>('/api/openapi.json');
    const operations = new Map(Object.values(body.paths).flatMap((methods) => Object.values(methods)).map((operation) => [operation.operationId, operation]));
    const requestExample = (id: string, type = 'application/json') => operations.get(id)?.requestBody?.content[type]?.example;
    const responseExample = (id: string, status: number) => operations.get(id)?.responses[String(status)]?.content?.['application/json']?.example;

    for (const id of ['create-organisation', 'create-job-role', 'send-invitation', 'invite-to-job-role', 'redeem-invitation', 'ai-interviewer', 'end-interview']) {
      expect({ id, example: requestExample(id) }).toEqual({ id, example: expect.any(Object) });
    }
    expect(requestExample('parse-resume', 'application/json')).toEqual({ filePath: expect.stringMatching(/\.pdf$/) });
    expect(responseExample('create-organisation', 201)).toMatchObject({ organisation: { name: 'Kangaroo Labs' } });
    expect(responseExample('get-session-feedback', 200)).toMatchObject({ scoring: 'done' });
    expect(responseExample('get-interview-report', 200)).toMatchObject({ recordings: [expect.objectContaining({ state: 'stored' })] });
    expect(operations.get('get-interview')?.responses['200']?.content?.['application/json']?.example).toBeUndefined();
  });
});
