import { PreconditionFailedError, PreconditionRequiredError } from '../errors';

export type PutIntent<T> = { kind: 'create' } | { kind: 'replace'; existing: T };

/**
 * What a PUT of a candidate's single document (profile, DEI answers) means: with nothing stored and no If-Match it
 * creates; replacing needs the version that was read (428 without it). If-Match naming a version that is not
 * the stored one, or naming one when nothing is stored, fails with 412, as HTTP says.
 */
export function putIntent<T extends { version: number }>(existing: T | null, ifMatchVersion: number | null, what: string): PutIntent<T> {
  if (!existing) {
    if (ifMatchVersion === null) return { kind: 'create' };
    throw new PreconditionFailedError(`You have no ${what} yet; send the first one without If-Match.`);
  }
  if (ifMatchVersion === null) {
    throw new PreconditionRequiredError(`Your ${what} exists: send If-Match with the ETag you read, so a stale update cannot overwrite a newer one.`);
  }
  if (existing.version !== ifMatchVersion) throw staleVersion(what);
  return { kind: 'replace', existing };
}

export function staleVersion(what: string): PreconditionFailedError {
  return new PreconditionFailedError(`Your ${what} changed since you read it; reload and try again.`);
}
