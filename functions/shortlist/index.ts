import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { generateShortlistFunction } from './generate-shortlist';
import { getShortlistFunction } from './get-shortlist';

export const shortlistFunctions: FunctionDefinition[] = [
  generateShortlistFunction,
  getShortlistFunction,
];
