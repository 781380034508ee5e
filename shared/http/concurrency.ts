import { PreconditionRequiredError, ValidationError } from '../errors';
import { json, type HttpResult } from './definition';

/** ETags are the row's version: `"3"`. Weak validators (`W/"3"`) are accepted too. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** The version an update is based on, from If-Match; missing is 428, malformed is 400. */
export function versionFromIfMatch(header: string | null): number {
  if (!header) throw new PreconditionRequiredError('Send If-Match with the ETag you read, so a stale update cannot overwrite a newer one.');
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(header.trim());
  if (!match?.[1]) throw new ValidationError('If-Match must be the ETag of the resource, e.g. "3".', [{ path: 'If-Match', message: 'not an ETag this API issued' }]);
  return Number(match[1]);
}

/** For endpoints where If-Match is optional (create without it, replace with it): null when absent. */
export function versionFromOptionalIfMatch(header: string | null): number | null {
  return header === null ? null : versionFromIfMatch(header);
}

/**
 * The conditional-update handler: the version If-Match names goes to the service, the updated resource comes back
 * (shaped by `body`) with its new version as the ETag.
 */
export async function updateAtVersion<R extends { version: number }>(
  ifMatch: string | null,
  update: (version: number) => Promise<R>,
  body: (updated: R) => unknown,
): Promise<HttpResult> {
  const updated = await update(versionFromIfMatch(ifMatch));
  return json(200, body(updated), { etag: etagOf(updated.version) });
}
