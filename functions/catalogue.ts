import type { AnyHttpFunction, FunctionDefinition } from '../shared/runtime/definitions';
import { applicationsFunctions } from './applications';
import { callsFunctions } from './calls';
import { candidatesFunctions } from './candidates';
import { fairnessFunctions } from './fairness';
import { interviewsFunctions } from './interviews';
import { invitationsFunctions } from './invitations';
import { jobRolesFunctions } from './job-roles';
import { organisationsFunctions } from './organisations';
import { platformFunctions } from './platform';
import { privacyFunctions } from './privacy';
import { resumesFunctions } from './resumes';
import { shortlistFunctions } from './shortlist';
import { speechFunctions } from './speech';
import { createNotFoundFunction } from './platform/not-found';
import { createOpenApiFunction } from './platform/openapi';

/** Every function of the app, by area (the folder names of functions/ and shared/): registered with Azure by index.ts and served by the local host. */
export const allFunctions: FunctionDefinition[] = [
  ...platformFunctions,
  ...organisationsFunctions,
  ...jobRolesFunctions,
  ...candidatesFunctions,
  ...applicationsFunctions,
  ...resumesFunctions,
  ...shortlistFunctions,
  ...invitationsFunctions,
  ...interviewsFunctions,
  ...privacyFunctions,
  ...speechFunctions,
  ...callsFunctions,
  ...fairnessFunctions,
  createOpenApiFunction(httpFunctions),
  createNotFoundFunction(httpFunctions),
];

export function httpFunctions(): AnyHttpFunction[] {
  return allFunctions.filter((f): f is AnyHttpFunction => f.kind === 'http');
}
