import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FunctionDefinition } from '../shared/runtime/definitions';
import { lazy } from '../shared/runtime/lazy';
import type { RegisteredFunction, RegistrationEntry } from '../shared/runtime/registrations';

/** Written beside the compiled catalogue by `npm run build` (scripts/function-registrations.ts); never committed. */
export const REGISTRATIONS_FILE = 'registrations.json';

function definitionIn(exports: Record<string, unknown>, exportName: string, name: string): FunctionDefinition {
  const value = exports[exportName];
  const found = (Array.isArray(value) ? value : [value]).find((f: FunctionDefinition | undefined) => f?.name === name) as FunctionDefinition | undefined;
  if (!found) throw new Error(`function ${name} is not in the export ${exportName} the build recorded; run npm run build`);
  return found;
}

/**
 * Every function of the catalogue as the build recorded it in `dir` (the compiled functions/): registered from the
 * list, each function's module required by its first invocation.
 */
export function registeredFunctions(dir = __dirname): RegisteredFunction[] {
  const entries = JSON.parse(readFileSync(join(dir, REGISTRATIONS_FILE), 'utf8')) as RegistrationEntry[];
  // Each entry becomes the function it lists, not a copy: start-up allocates less (a cold instance's import runs a
  // garbage collection for every megabyte or so it allocates).
  return entries.map((entry) =>
    Object.assign(entry, {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      definition: lazy(() => definitionIn(require(join(dir, entry.module)) as Record<string, unknown>, entry.export, entry.name)),
    }),
  );
}
