import { join } from 'node:path';
import { buildBicep } from './infra/bicep';

/**
 * `npm run bicep:build`: compiles bicep/main.bicep and bicep/main.bicepparam with the real Bicep CLI into
 * dist/bicep/ and fails on any compiler or linter warning (CI runs it; `npm test` checks the result's content).
 */
const root = join(__dirname, '..', '..');
const outDir = join(root, 'dist', 'bicep');

try {
  const { template, parameters, diagnostics } = buildBicep(root, outDir);
  if (diagnostics.length > 0) {
    console.error(`bicep:build: ${diagnostics.length} warnings or errors:\n${diagnostics.join('\n')}`);
    process.exitCode = 1;
  } else {
    console.log(`bicep:build: ${template} and ${parameters}, no warnings`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
