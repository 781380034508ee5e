import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { listScoreRevisionsFunction } from './list-score-revisions';
import { scoreInterviewFunction } from './score-interview';
import { scoreQueuedInterviewsFunction } from './score-queued-interviews';

export const scoringFunctions: FunctionDefinition[] = [
  scoreInterviewFunction as FunctionDefinition,
  listScoreRevisionsFunction as FunctionDefinition,
  scoreQueuedInterviewsFunction,
];
