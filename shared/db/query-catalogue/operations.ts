import type { Db } from '../database';

/** A repository operation run against a recording database so its T-SQL lands in sql/queries.sql. */
export type QueryOperations = Record<string, (db: Db) => Promise<unknown>>;

export const CATALOGUE_UUID = '00000000-0000-4000-8000-000000000000';
