import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { acsTokenGeneratorFunction } from './acs-token-generator';

export const callsFunctions: FunctionDefinition[] = [
  acsTokenGeneratorFunction,
];
