import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { writeOpenApiDocument } from './infra/openapi-document';
import { API_REFERENCE_FILE } from '../shared/http/api-reference';

/**
 * Part of `npm run build`: renders the API reference page that GET /api/docs serves, with Redocly, from the same
 * OpenAPI document the API serves. It lands in dist/shared, so the deployable package carries it.
 */
const root = join(__dirname, '..', '..');
const document = join(root, 'dist', 'openapi', 'openapi.json');
writeOpenApiDocument(document);
const output = join(root, 'dist', 'shared', 'http', API_REFERENCE_FILE);
const build = spawnSync(
  join(root, 'node_modules', '.bin', 'redocly'),
  ['build-docs', document, '--output', output, '--title', 'Talenti API reference', '--config', join(root, 'redocly.yaml')],
  { cwd: root, encoding: 'utf8' },
);
if (build.status !== 0) {
  console.error(`api-reference: redocly build-docs failed:\n${build.stdout}\n${build.stderr}`);
  process.exitCode = 1;
}
