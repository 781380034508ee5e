import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { extractRequirementsFunction } from './extract-requirements';
import { generateShortlistFunction } from './generate-shortlist';
import { getShortlistFunction } from './get-shortlist';
import { parseResumeFunction } from './parse-resume';

export const aiFunctions: FunctionDefinition[] = [
  extractRequirementsFunction as FunctionDefinition,
  generateShortlistFunction as FunctionDefinition,
  getShortlistFunction as FunctionDefinition,
  parseResumeFunction as FunctionDefinition,
];
