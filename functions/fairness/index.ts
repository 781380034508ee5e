import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { getFairnessReportFunction } from './get-fairness-report';

export const fairnessFunctions: FunctionDefinition[] = [getFairnessReportFunction];
