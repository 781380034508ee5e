import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allFunctions } from '../../functions/catalogue';
import { REGISTRATIONS_FILE, registeredFunctions } from '../../functions/registered-functions';
import { registrationOf, type RegistrationEntry } from '../../shared/runtime/registrations';
import { triggerOf } from '../../shared/runtime/triggers';
import { ROOT } from '../support/processes';

/**
 * The entry point registers every function from the list the build derives from the catalogue (cold start,
 * docs/performance.md); a list that disagrees with the catalogue would register a route, method or trigger the code
 * does not serve. `npm test` builds first, so this checks the list the package ships.
 */
const compiled = join(ROOT, 'dist', 'functions');

describe('the registration list the entry point registers from', () => {
  const entries = JSON.parse(readFileSync(join(compiled, REGISTRATIONS_FILE), 'utf8')) as RegistrationEntry[];

  const registrations = entries.map(({ module: _module, export: _export, trigger: _trigger, ...registration }) => registration);

  it('names every function of the catalogue with its kind, route, methods, schedule and queue', () => {
    expect(registrations).toEqual(allFunctions.map(registrationOf));
  });

  it('gives each the trigger binding @azure/functions makes for it, under the name the library gives it', () => {
    const triggers = entries.map((entry) => entry.trigger);
    expect(triggers).toEqual(allFunctions.map((definition) => triggerOf(registrationOf(definition))));
    expect(triggers.find((binding) => binding.route === 'health')).toMatchObject({ type: 'httpTrigger', authLevel: 'anonymous', methods: ['GET'], name: expect.stringMatching(/^httpTrigger[0-9a-f]{10}$/) });
  });

  it('loads each function from the module it names, with the trigger it was registered with', () => {
    const functions = registeredFunctions(compiled);
    expect(functions).toHaveLength(allFunctions.length);
    functions.forEach((fn, index) => expect(registrationOf(fn.definition())).toEqual(registrations[index]));
  });
});
