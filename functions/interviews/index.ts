import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { getInterviewFunction } from './get-interview';
import { listApplicationInterviewsFunction } from './list-application-interviews';
import { overrideInterviewScoreFunction } from './override-interview-score';

export const interviewsFunctions: FunctionDefinition[] = [
  getInterviewFunction as FunctionDefinition,
  listApplicationInterviewsFunction as FunctionDefinition,
  overrideInterviewScoreFunction as FunctionDefinition,
];
