import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { writeOpenApiDocument } from './infra/openapi-document';

/**
 * `npm run openapi:lint`: writes the document `GET /api/openapi.json` serves to dist/openapi/openapi.json and lints
 * it with Redocly (redocly.yaml: the recommended rules, every warning an error, and a problem body on every 4xx),
 * as the frontend's client generators read it. CI runs it.
 */
const root = join(__dirname, '..', '..');
const file = join(root, 'dist', 'openapi', 'openapi.json');
writeOpenApiDocument(file);

const lint = spawnSync(join(root, 'node_modules', '.bin', 'redocly'), ['lint', file, '--config', join(root, 'redocly.yaml'), '--format', 'stylish'], {
  cwd: root,
  stdio: 'inherit',
});
process.exitCode = lint.status ?? 1;
