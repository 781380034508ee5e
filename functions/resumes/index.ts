import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { parseResumeFunction } from './parse-resume';

export const resumesFunctions: FunctionDefinition[] = [
  parseResumeFunction,
];
