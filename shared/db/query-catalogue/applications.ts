import type { QueryOperations } from './operations';

export const applicationsQueries: QueryOperations = {};
