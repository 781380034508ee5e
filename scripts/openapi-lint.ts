import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { httpFunctions } from '../functions/catalogue';
import { buildOpenApiDocument } from '../shared/http/openapi';
import { version } from '../package.json';

/**
 * `npm run openapi:lint`: writes the document `GET /api/openapi.json` serves to dist/openapi/openapi.json and lints
 * it with Redocly (redocly.yaml: the recommended rules, every warning an error, and a problem body on every 4xx),
 * as the frontend's client generators read it. CI runs it.
 */
const root = join(__dirname, '..', '..');
const outDir = join(root, 'dist', 'openapi');
mkdirSync(outDir, { recursive: true });
const file = join(outDir, 'openapi.json');
writeFileSync(file, `${JSON.stringify(buildOpenApiDocument(httpFunctions(), { version }), null, 2)}\n`);

const lint = spawnSync(join(root, 'node_modules', '.bin', 'redocly'), ['lint', file, '--config', join(root, 'redocly.yaml'), '--format', 'stylish'], {
  cwd: root,
  stdio: 'inherit',
});
process.exitCode = lint.status ?? 1;
