import type { QueryOperations } from './operations';

export const candidatesQueries: QueryOperations = {};
