import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { acsEventsFunction } from './acs-events';
import { acsTokenGeneratorFunction } from './acs-token-generator';

export const callsFunctions: FunctionDefinition[] = [
  acsTokenGeneratorFunction,
  acsEventsFunction,
];
