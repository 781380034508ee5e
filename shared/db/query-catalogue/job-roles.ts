import type { QueryOperations } from './operations';

export const jobRolesQueries: QueryOperations = {};
