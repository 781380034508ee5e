import type { QueryOperations } from './operations';

/** Organisation settings, members, audit log and the admin views. */
export const organisationsQueries: QueryOperations = {};
