import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { extractRequirementsFunction } from './extract-requirements';

export const aiFunctions: FunctionDefinition[] = [extractRequirementsFunction as FunctionDefinition];
