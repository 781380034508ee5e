import type { AnyHttpFunction, FunctionDefinition } from '../shared/runtime/definitions';
import { aiFunctions } from './ai';
import { applicationsFunctions } from './applications';
import { candidatesFunctions } from './candidates';
import { interviewSessionFunctions } from './interview-session';
import { interviewsFunctions } from './interviews';
import { invitationsFunctions } from './invitations';
import { jobRolesFunctions } from './job-roles';
import { organisationFunctions } from './organisations';
import { platformFunctions } from './platform';
import { tokensFunctions } from './tokens';
import { scoringFunctions } from './scoring';
import { createNotFoundFunction } from './platform/not-found';
import { createOpenApiFunction } from './platform/openapi';

/** Every function of the app: registered with Azure by index.ts and served by the local host. */
export const allFunctions: FunctionDefinition[] = [
  ...platformFunctions,
  ...organisationFunctions,
  ...jobRolesFunctions,
  ...candidatesFunctions,
  ...applicationsFunctions,
  ...interviewsFunctions,
  ...aiFunctions,
  ...invitationsFunctions,
  ...tokensFunctions,
  ...interviewSessionFunctions,
  ...scoringFunctions,
  createOpenApiFunction(httpFunctions) as AnyHttpFunction,
  createNotFoundFunction(httpFunctions) as AnyHttpFunction,
];

export function httpFunctions(): AnyHttpFunction[] {
  return allFunctions.filter((f): f is AnyHttpFunction => f.kind === 'http');
}
