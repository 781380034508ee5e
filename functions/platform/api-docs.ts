import { z } from 'zod';
import { ServiceUnavailableError } from '../../shared/errors';
import { apiReferencePage } from '../../shared/http/api-reference';
import { defineHttpFunction } from '../../shared/http/definition';

/** The API reference for frontend developers: Redocly's rendering of GET /api/openapi.json, built with the app. */
export const apiDocsFunction = defineHttpFunction({
  name: 'api-docs',
  route: 'docs',
  methods: ['GET'],
  access: 'anonymous',
  summary: 'The API reference page (HTML)',
  description: 'The OpenAPI document rendered by Redocly at build time: every operation, schema, header and error.',
  tags: ['platform'],
  responses: {
    200: { description: 'The reference page.', schema: z.string(), contentType: 'text/html' },
    503: { description: 'This build has no reference page (npm run build renders it).' },
  },
  handle: async () => {
    const html = await apiReferencePage();
    if (html === null) throw new ServiceUnavailableError('This build has no API reference page; `npm run build` renders it.');
    return { status: 200, body: html, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=300' } };
  },
});
