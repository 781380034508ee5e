import { writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { allFunctions } from '../functions/catalogue';
import { REGISTRATIONS_FILE } from '../functions/registered-functions';
import type { FunctionDefinition } from '../shared/runtime/definitions';
import { registrationOf, type RegistrationEntry } from '../shared/runtime/registrations';
import { triggerOf } from '../shared/runtime/triggers';

/**
 * `npm run build` step: derives dist/functions/registrations.json from the catalogue, so the entry point registers
 * every function without loading any, each with the trigger binding made here (cold start, docs/performance.md). For each definition it records the compiled
 * module that exports it; a definition no module exports by itself (made inside the catalogue) is found by name in
 * the catalogue's own list.
 */
const functionsDir = join(__dirname, '..', 'functions');

function exportersOf(definition: FunctionDefinition): Array<{ module: string; export: string }> {
  return Object.values(require.cache).flatMap((cached) => {
    if (!cached?.filename.startsWith(functionsDir + sep)) return [];
    const module = relative(functionsDir, cached.filename).replace(/\.js$/, '').split(sep).join('/');
    const exports = (cached.exports ?? {}) as Record<string, unknown>;
    return Object.keys(exports).filter((key) => exports[key] === definition).map((key) => ({ module, export: key }));
  });
}

function entryOf(definition: FunctionDefinition): RegistrationEntry {
  const all = exportersOf(definition);
  // An area's index re-exporting a definition is not where it is made.
  const exporters = all.length > 1 ? all.filter((e) => !/(^|\/)index$/.test(e.module)) : all;
  if (exporters.length > 1) throw new Error(`${definition.name} is exported by ${exporters.map((e) => e.module).join(' and ')}; export a definition from one module only`);
  const registration = registrationOf(definition);
  return { ...registration, ...(exporters[0] ?? { module: 'catalogue', export: 'allFunctions' }), trigger: triggerOf(registration) };
}

const entries = allFunctions.map(entryOf);
writeFileSync(join(functionsDir, REGISTRATIONS_FILE), `${JSON.stringify(entries)}\n`);
console.log(`${REGISTRATIONS_FILE}: ${entries.length} functions`);
