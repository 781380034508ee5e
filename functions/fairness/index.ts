import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { getFairnessReportFunction } from './get-fairness-report';
import { getScoringConsistencyCheckFunction } from './get-scoring-consistency-check';
import { runScoringConsistencyCheckFunction } from './run-scoring-consistency-check';

export const fairnessFunctions: FunctionDefinition[] = [getFairnessReportFunction, runScoringConsistencyCheckFunction, getScoringConsistencyCheckFunction];
