import { NotFoundError } from '../errors';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one reader of ids in routes (`{roleId:guid}`): checked again here rather than trusted to the host, and
 * lower-cased as ids are stored, so an upper-case id finds the same row on SQLite (case-sensitive text) as on
 * Azure SQL (uniqueidentifier). Anything else is a resource that does not exist.
 */
export function routeId(params: Record<string, string>, name: string): string {
  const value = params[name];
  if (!value || !GUID.test(value)) throw new NotFoundError('No such resource.');
  return value.toLowerCase();
}
