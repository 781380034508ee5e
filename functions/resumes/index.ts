import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { acceptResumeSuggestionsFunction } from './accept-resume-suggestions';
import { parseResumeFunction } from './parse-resume';

export const resumesFunctions: FunctionDefinition[] = [
  parseResumeFunction,
  acceptResumeSuggestionsFunction,
];
