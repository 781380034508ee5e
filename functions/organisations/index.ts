import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { createOrganisationFunction } from './create-organisation';

export const organisationFunctions: FunctionDefinition[] = [createOrganisationFunction as FunctionDefinition];
