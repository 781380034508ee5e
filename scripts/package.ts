import { join } from 'node:path';
import { buildPackage } from './infra/package';

/**
 * `npm run package`: the deployable package in out/ (out/package/ unpacked, which azure.yaml deploys, and
 * out/talenti-functions.zip for `az functionapp deployment source config-zip`). See docs/deploy.md.
 */
const root = join(__dirname, '..', '..');

buildPackage(root, join(root, 'out'))
  .then(({ zipPath, files }) => console.log(`package: ${zipPath} (${files.length} files)`))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
