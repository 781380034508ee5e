import type { AnyHttpFunction, FunctionDefinition } from '../shared/runtime/definitions';
import { createOrganisationFunction } from './create-organisation';
import { healthFunction } from './health';
import { meFunction } from './me';
import { createNotFoundFunction } from './not-found';
import { createOpenApiFunction } from './openapi';
import { purgeRateLimitsFunction } from './purge-rate-limits';

/** Every function of the app: registered with Azure by index.ts and served by the local host. */
export const allFunctions: FunctionDefinition[] = [
  healthFunction as AnyHttpFunction,
  meFunction as AnyHttpFunction,
  createOrganisationFunction as AnyHttpFunction,
  createOpenApiFunction(httpFunctions) as AnyHttpFunction,
  purgeRateLimitsFunction,
  createNotFoundFunction(httpFunctions) as AnyHttpFunction,
];

export function httpFunctions(): AnyHttpFunction[] {
  return allFunctions.filter((f): f is AnyHttpFunction => f.kind === 'http');
}
