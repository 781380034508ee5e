import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allFunctions } from '../../functions/catalogue';
import { REGISTRATIONS_FILE, registeredFunctions } from '../../functions/registered-functions';
import { registrationOf, type RegistrationEntry } from '../../shared/runtime/registrations';
import { ROOT } from '../support/processes';

/**
 * The entry point registers every function from the list the build derives from the catalogue (cold start,
 * docs/performance.md); a list that disagrees with the catalogue would register a route, method or trigger the code
 * does not serve. `npm test` builds first, so this checks the list the package ships.
 */
const compiled = join(ROOT, 'dist', 'functions');

describe('the registration list the entry point registers from', () => {
  const entries = JSON.parse(readFileSync(join(compiled, REGISTRATIONS_FILE), 'utf8')) as RegistrationEntry[];

  it('names every function of the catalogue with its kind, route, methods, schedule and queue', () => {
    const registrations = entries.map(({ module: _module, export: _export, ...registration }) => registration);
    expect(registrations).toEqual(allFunctions.map(registrationOf));
  });

  it('loads each function from the module it names, with the trigger it was registered with', () => {
    const functions = registeredFunctions(compiled);
    expect(functions).toHaveLength(allFunctions.length);
    for (const { definition, ...registration } of functions) expect(registrationOf(definition())).toEqual(registration);
  });
});
