import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The API reference page `npm run build` renders beside this module (scripts/api-reference.ts). */
export const API_REFERENCE_FILE = 'api-reference.html';

let page: Promise<string> | undefined;

/** The rendered page, read once per instance; null when the build did not render it. */
export async function apiReferencePage(): Promise<string | null> {
  page ??= readFile(join(__dirname, API_REFERENCE_FILE), 'utf8');
  return page.catch(() => {
    page = undefined;
    return null;
  });
}
