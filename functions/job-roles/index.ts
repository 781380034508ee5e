import type { FunctionDefinition } from '../../shared/runtime/definitions';

export const jobRolesFunctions: FunctionDefinition[] = [];
