import { api } from '../support/api';

/** GET /api/docs: the API reference page frontend developers read, rendered from the served OpenAPI document. */
describe('GET /api/docs', () => {
  it('serves the Redocly rendering of the OpenAPI document as HTML, without a sign-in', async () => {
    const page = await api<string>('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('<title>Talenti API reference</title>');
    // Operations and their errors come from the same document GET /api/openapi.json serves.
    const document = await api<{ paths: Record<string, Record<string, { summary: string }>> }>('/api/openapi.json');
    const invite = document.body.paths['/api/send-invitation']?.post?.summary ?? 'missing';
    expect(page.text).toContain(invite);
    expect(page.text).toContain('application/problem+json');
  });
});
