import type { QueryOperations } from './operations';

export const interviewsQueries: QueryOperations = {};
