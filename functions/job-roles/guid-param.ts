import { NotFoundError } from '../../shared/errors';

/** A route parameter the route's :guid constraint already checked, lower-cased as ids are stored. */
export function guidParam(params: Record<string, string>, name: string): string {
  const value = params[name];
  if (!value) throw new NotFoundError('No such resource.');
  return value.toLowerCase();
}
