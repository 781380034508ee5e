import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { httpFunctions } from '../../functions/catalogue';
import { buildOpenApiDocument } from '../../shared/http/openapi';
import { version } from '../../package.json';

/** Writes the document GET /api/openapi.json serves, for the tools that read it from a file (Redocly). */
export function writeOpenApiDocument(file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(buildOpenApiDocument(httpFunctions(), { version }), null, 2)}\n`);
}
